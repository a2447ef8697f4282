import { io, type Socket } from 'socket.io-client';
import type { PublicTicket, TicketServerToClient } from '@layso/protocol';
import { phonePath } from '@layso/protocol/phone-paths';
import { errorText, type Bilingual } from '@layso/ui-kit/i18n';

export type LinkState = 'connecting' | 'online' | 'offline' | 'not-found';

/**
 * The phone's live link to one ticket: the server's `/ticket` stream (a whole PublicTicket on connect and on every
 * change), so a phone back from a lost link or a server restart is current with the first message. socket.io
 * reconnects by itself; a refused code (unknown, forged) stops it.
 */
export function follow(
  code: string,
  on: { ticket(t: PublicTicket): void; state(s: LinkState): void },
): () => void {
  // WebSocket first: on a slow link one handshake instead of long-polling then an upgrade.
  const socket: Socket<TicketServerToClient> = io('/ticket', {
    auth: { code },
    transports: ['websocket', 'polling'],
  });
  socket.on('ticket', on.ticket);
  socket.on('connect', () => on.state('online'));
  socket.on('disconnect', () => on.state('offline'));
  socket.on('connect_error', (e: Error & { data?: { code?: string } }) => {
    if (e.data?.code === 'LAYSO_TICKET_NOT_FOUND') {
      on.state('not-found');
      socket.close();
    } else on.state('offline');
  });
  return () => {
    socket.close();
  };
}

/** The server's `{error: {code, message}}`, read without trusting its shape. */
function errorOf(body: unknown): Bilingual {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const e: unknown = body.error;
    if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string')
      return errorText(e.code, 'message' in e && typeof e.message === 'string' ? e.message : undefined);
  }
  return errorText('');
}

/**
 * One of the phone's two actions. Its result reaches the page through the stream (which hears every change of the
 * ticket); the answer here only says whether it was taken.
 */
export async function act(
  name: 'ticketOnMyWay' | 'ticketLeave',
  code: string,
): Promise<{ ok: true } | { ok: false; error: Bilingual }> {
  try {
    const res = await fetch(phonePath(name, code), { method: 'POST' });
    if (res.ok) return { ok: true };
    return { ok: false, error: errorOf(await res.json().catch(() => null)) };
  } catch {
    return { ok: false, error: errorText('') };
  }
}
