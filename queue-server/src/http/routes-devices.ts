import type { AdminDevice, DeviceKind } from '@layso/protocol';
import type { FastifyRequest } from 'fastify';
import type { DeviceRow } from '../db/store.js';
import { fail } from '../errors.js';
import type { Context } from './context.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';
import { qrSvg } from './routes-pages.js';

/**
 * The page a device opens to pair, with its token in the fragment: a browser never sends the fragment to a server
 * (so no log holds it) and the page keeps the token and removes it from the address bar (ui-kit `takeDeviceToken`).
 */
export function pairUrl(base: string, kind: DeviceKind, counterId: number | null, token: string): string {
  const page = kind === 'kiosk' ? '/kiosk' : kind === 'display' ? '/display' : `/counter-top/${counterId}`;
  return `${base}${page}#token=${encodeURIComponent(token)}`;
}

/**
 * The center's devices (kiosks, lobby displays, counter-top screens): the list with who is connected, pairing a new
 * one (a link and a QR code carrying its token, shown once) and revoking one (its screens drop at once). Admins
 * change them, supervisors read. The token is never logged nor written to the audit log.
 */
export function deviceHandlers(ctx: Context) {
  const audit = (req: FastifyRequest, action: string, detail: object): void =>
    ctx.audit.record(ctx.clock.now(), userIdOf(req), action, detail);
  const view = (d: DeviceRow): AdminDevice => ctx.presence.adminView(d);
  /** What the audit log keeps of a device: its configuration, not its presence. */
  const audited = (d: DeviceRow) => {
    const { online: _online, lastSeenAt: _lastSeenAt, printer: _printer, ...rest } = view(d);
    return rest;
  };

  return {
    devices: async () => ctx.store.devices().map(view),

    addDevice: async (req) => {
      const { kind, name } = req.body;
      const counterId = req.body.counterId ?? null;
      // A counter-top screen shows one counter: without it (or with one that does not exist) it cannot pair.
      if (kind === 'counter' && counterId === null)
        fail('LAYSO_VALIDATION', {
          counterId:
            'Màn hình quầy cần chọn quầy / a counter screen needs the counter it stands on (counterId)',
        });
      if (counterId !== null && !ctx.store.counter(counterId))
        fail('LAYSO_VALIDATION', {
          counterId: `Không có quầy này / there is no counter ${counterId}`,
        });
      const { device, token } = ctx.auth.registerDevice(kind, name, counterId);
      audit(req, 'device.add', { after: audited(device) });
      ctx.presence.changed();
      const url = pairUrl(ctx.queue.publicBase(), kind, counterId, token);
      return { device: view(device), token, pairUrl: url, qrSvg: qrSvg(url) };
    },

    revokeDevice: async (req) => {
      const before = ctx.store.device(req.params.id) ?? fail('LAYSO_DEVICE_NOT_FOUND');
      ctx.store.revokeDevice(req.params.id, ctx.clock.now().getTime());
      // Its sockets drop now (a revoked screen goes blank at once); that also updates presence.
      ctx.publisher.sweep();
      const after = ctx.store.device(req.params.id) as DeviceRow;
      audit(req, 'device.revoke', { before: audited(before), after: audited(after) });
      ctx.presence.changed();
      return view(after);
    },
  } satisfies SomeHandlers;
}
