import { PrinterError } from '../errors.js';
import { DeviceFileTransport } from './device.js';
import { SerialTransport } from './serial.js';
import { TcpTransport } from './tcp.js';
import type { PrinterTransport } from './transport.js';

export interface TransportTimeouts {
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
}

/**
 * Printer URLs:
 * - `tcp://HOST[:PORT]` — raw TCP, port 9100 by default
 * - `file:///dev/usb/lp0` or a plain `/dev/usb/lp0` — USB printer device file
 * - `serial:///dev/ttyUSB0?baud=115200` — serial port (needs the optional `serialport` package)
 */
export function createTransport(url: string, timeouts: TransportTimeouts = {}): PrinterTransport {
  if (url.startsWith('/')) return new DeviceFileTransport({ path: url, ...pick(timeouts, 'writeTimeoutMs') });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new PrinterError('LAYSO_PRINTER_BAD_URL', `not a printer URL: ${url}`);
  }
  switch (u.protocol) {
    case 'tcp:': {
      const port = u.port ? Number(u.port) : 9100;
      const host = u.hostname.replace(/^\[|\]$/g, '');
      if (!host) throw new PrinterError('LAYSO_PRINTER_BAD_URL', `missing host in ${url}`);
      return new TcpTransport({ host, port, ...timeouts });
    }
    case 'file:':
      return new DeviceFileTransport({
        path: decodeURIComponent(u.pathname),
        ...pick(timeouts, 'writeTimeoutMs'),
      });
    case 'serial:': {
      const baud = Number(u.searchParams.get('baud') ?? 115200);
      if (!Number.isInteger(baud) || baud <= 0)
        throw new PrinterError('LAYSO_PRINTER_BAD_URL', `bad baud rate in ${url}`);
      return new SerialTransport({
        path: decodeURIComponent(u.pathname),
        baudRate: baud,
        ...pick(timeouts, 'writeTimeoutMs'),
      });
    }
    default:
      throw new PrinterError(
        'LAYSO_PRINTER_BAD_URL',
        `unsupported printer URL scheme ${u.protocol} in ${url}`,
      );
  }
}

function pick(t: TransportTimeouts, key: keyof TransportTimeouts): TransportTimeouts {
  return t[key] === undefined ? {} : { [key]: t[key] };
}
