import { io, type Socket } from 'socket.io-client';
import type { PublicTicket, TicketServerToClient } from '@layso/protocol';
import { errorText, type Bilingual } from '@layso/ui-kit/i18n';
import { ApiError } from '@layso/ui-kit/phone-api';
import { phoneApi } from './api.js';

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

/**
 * One of the phone's two actions. Its result reaches the page through the stream (which hears every change of the
 * ticket); the answer here only says whether it was taken.
 */
export async function act(
  name: 'ticketOnMyWay' | 'ticketLeave',
  code: string,
): Promise<{ ok: true } | { ok: false; error: Bilingual }> {
  try {
    await phoneApi.callPath(name, { params: { code } });
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof ApiError ? errorText(e.code, e.message) : errorText('') };
  }
}
