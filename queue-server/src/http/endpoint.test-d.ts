/**
 * Type tests of the REST contract (checked by `npm run typecheck`, not run): a handler answers what its table
 * entry says, reads only the input the entry takes, and every endpoint needs one.
 */
import type { Handler, Handlers } from './endpoint.js';

export const version: Handler<'version'> = async () => ({
  version: '0.1.0',
  commit: 'source',
  builtAt: null,
  compiled: false,
  schemaVersion: 100,
  node: 'v20',
  startedAt: '2026-12-07T00:00:00.000Z',
  uptimeSeconds: 1,
});

// @ts-expect-error a reply of the wrong shape (the version has no `status`)
export const wrongReply: Handler<'version'> = async () => ({ status: 'ok' });

// @ts-expect-error `/api/health` takes no body
export const noBody: Handler<'health'> = async (req) => ({ status: 'ok', version: req.body.x });

export const typedParams: Handler<'ticket'> = async (req) => {
  const id: number = req.params.id;
  // @ts-expect-error a ticket's param is a number, not a string
  const wrong: string = req.params.id;
  throw new Error(`${id}${wrong}`);
};

/** A 204 endpoint answers null; a JSON reply is not what it promises. */
export const noContent: Handler<'reportKioskPrinter'> = async () => null;
// @ts-expect-error the kiosk's printer report answers nothing
export const contentFor204: Handler<'reportKioskPrinter'> = async () => ({ ok: true });

// @ts-expect-error every endpoint of the table needs its handler
export const incomplete: Handlers = { version };
