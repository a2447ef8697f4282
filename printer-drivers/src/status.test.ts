import { describe, expect, it } from 'vitest';
import {
  combineStatus,
  isStatusByte,
  parseErrorCause,
  parseOfflineCause,
  parsePaperSensor,
  parsePrinterStatus,
  statusBytes,
} from './status.js';
import { stateToStatus, VIRTUAL_PRINTER_STATES } from './virtual/printer.js';

const BASE = 0x12; // fixed bits 1 and 4

describe('DLE EOT status bits', () => {
  it('recognises answer bytes by their fixed bits', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true); // every variable bit set
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x13)).toBe(false); // bit 0 must be 0
    expect(isStatusByte(0x92)).toBe(false); // bit 7 must be 0
    expect(isStatusByte(0x10)).toBe(false); // bit 1 must be 1
    expect(isStatusByte(0x02)).toBe(false); // bit 4 must be 1
  });

  it('n=1 printer status: each bit', () => {
    expect(parsePrinterStatus(BASE)).toEqual({
      drawerPin3: false,
      offline: false,
      waitingRecovery: false,
      feedButton: false,
    });
    expect(parsePrinterStatus(BASE | 0x04).drawerPin3).toBe(true);
    expect(parsePrinterStatus(BASE | 0x08).offline).toBe(true);
    expect(parsePrinterStatus(BASE | 0x20).waitingRecovery).toBe(true);
    expect(parsePrinterStatus(BASE | 0x40).feedButton).toBe(true);
  });

  it('n=2 offline cause: each bit', () => {
    expect(parseOfflineCause(BASE)).toEqual({
      coverOpen: false,
      feeding: false,
      paperEndStop: false,
      error: false,
    });
    expect(parseOfflineCause(BASE | 0x04).coverOpen).toBe(true);
    expect(parseOfflineCause(BASE | 0x08).feeding).toBe(true);
    expect(parseOfflineCause(BASE | 0x20).paperEndStop).toBe(true);
    expect(parseOfflineCause(BASE | 0x40).error).toBe(true);
  });

  it('n=3 error cause: each bit', () => {
    expect(parseErrorCause(BASE)).toEqual({
      recoverable: false,
      cutter: false,
      unrecoverable: false,
      autoRecoverable: false,
    });
    expect(parseErrorCause(BASE | 0x04).recoverable).toBe(true);
    expect(parseErrorCause(BASE | 0x08).cutter).toBe(true);
    expect(parseErrorCause(BASE | 0x20).unrecoverable).toBe(true);
    expect(parseErrorCause(BASE | 0x40).autoRecoverable).toBe(true);
  });

  it('n=4 paper sensor: near-end bits 2–3, end bits 5–6', () => {
    expect(parsePaperSensor(BASE)).toEqual({ nearEnd: false, end: false });
    expect(parsePaperSensor(BASE | 0x04).nearEnd).toBe(true);
    expect(parsePaperSensor(BASE | 0x08).nearEnd).toBe(true);
    expect(parsePaperSensor(BASE | 0x0c)).toEqual({ nearEnd: true, end: false });
    expect(parsePaperSensor(BASE | 0x20).end).toBe(true);
    expect(parsePaperSensor(BASE | 0x40).end).toBe(true);
  });

  it('combines answers into {online, coverOpen, paperNearEnd, paperOut, error}', () => {
    const ready = { printer: BASE, offlineCause: BASE, errorCause: BASE, paperSensor: BASE };
    expect(combineStatus(ready)).toEqual({
      online: true,
      coverOpen: false,
      paperNearEnd: false,
      paperOut: false,
      error: false,
    });
    expect(combineStatus({ ...ready, paperSensor: BASE | 0x0c }).paperNearEnd).toBe(true);
    expect(combineStatus({ ...ready, paperSensor: BASE | 0x6c }).paperOut).toBe(true);
    expect(combineStatus({ ...ready, offlineCause: BASE | 0x20 }).paperOut).toBe(true);
    expect(combineStatus({ ...ready, printer: BASE | 0x08, offlineCause: BASE | 0x04 })).toMatchObject({
      online: false,
      coverOpen: true,
    });
    expect(combineStatus({ ...ready, errorCause: BASE | 0x08 }).error).toBe(true);
    expect(combineStatus({ ...ready, offlineCause: BASE | 0x40 }).error).toBe(true);
    // Only n=4 answered (some printers): paper out still means not online.
    expect(combineStatus({ paperSensor: BASE | 0x60 })).toMatchObject({ online: false, paperOut: true });
  });

  it('statusBytes is understood by combineStatus for every virtual printer state', () => {
    for (const state of VIRTUAL_PRINTER_STATES) {
      const status = stateToStatus(state);
      const raw = statusBytes(status);
      for (const b of Object.values(raw)) expect(isStatusByte(b)).toBe(true);
      const back = combineStatus(raw);
      expect(back).toEqual({ ...status, paperNearEnd: status.paperNearEnd || status.paperOut });
    }
  });
});
