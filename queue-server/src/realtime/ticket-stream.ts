import { TICKET_STREAM, errorMessage, type PublicTicket } from '@layso/protocol';
import type { Outgoing } from '../app/events.js';
import type { Memo } from '../app/views.js';
import type { TicketRow } from '../db/store.js';
import type { Context } from '../context.js';
import type { Io, IoSocket } from './emit.js';

/** Time alone moves the estimates and ends the day: every followed ticket is looked at again this often. */
const REFRESH_MS = 30_000;

/** What a refused handshake carries (socket.io sends `data` to the client's `connect_error`). */
function refusal(): Error & { data: { code: string; message: string } } {
  const code = TICKET_STREAM.refusal;
  return Object.assign(new Error(errorMessage(code)), { data: { code, message: errorMessage(code) } });
}

/**
 * The citizen's phone stream (protocol's TICKET_STREAM): one room per tracking code, a whole PublicTicket on
 * connect and whenever what it shows changes. Nothing else is ever sent on this namespace — no other ticket,
 * no floor, no personal data — and a code that names no ticket is refused at the handshake.
 * Changes are coalesced: a burst of published events is one look per followed ticket of the services it touched.
 */
export class TicketStream {
  private readonly nsp;
  /** Per followed code: its ticket, its service (which events touch it) and the last body sent to its room. */
  private readonly followed = new Map<string, { ticketId: number; serviceId: number; last: string }>();
  private dirty: Set<number> | 'all' = new Set();
  /** Tickets the pending events name (a call, a change): their phones are told first. */
  private named = new Set<number>();
  private scheduled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    io: Io,
    private readonly ctx: Context,
  ) {
    this.nsp = io.of(TICKET_STREAM.namespace);
    this.nsp.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const code = typeof auth === 'object' && auth !== null && 'code' in auth ? auth.code : null;
      if (typeof code !== 'string' || !TICKET_STREAM.code.test(code)) return next(refusal());
      if (!this.row(code)) return next(refusal());
      socket.data = { token: '', mayRate: false, deviceId: null, stream: code };
      next();
    });
    this.nsp.on('connection', (socket) => this.connected(socket));
    this.timer = setInterval(() => this.changed('all'), REFRESH_MS);
    this.timer.unref();
  }

  private connected(socket: IoSocket): void {
    const code = socket.data.stream;
    void socket.join(code);
    const row = this.row(code);
    const view = row ? this.read(code, row) : null;
    if (!row || !view) {
      socket.disconnect(true);
      return;
    }
    const body = JSON.stringify(view);
    this.followed.set(code, { ticketId: row.id, serviceId: view.serviceId, last: body });
    socket.emit(TICKET_STREAM.event, view);
    socket.on('disconnect', () => {
      if (!this.nsp.adapter.rooms.get(code)?.size) this.followed.delete(code);
    });
  }

  private row(code: string): TicketRow | null {
    try {
      return this.ctx.store.tickets.byTracking(code);
    } catch {
      return null;
    }
  }

  /** The ticket as the phone shows it; null when it is gone or cannot be read now (disk trouble). */
  private read(code: string, row = this.row(code), memo?: Memo): PublicTicket | null {
    try {
      return row ? this.ctx.queue.publicView(row, this.ctx.settings.get().centerName, memo) : null;
    } catch {
      return null;
    }
  }

  /** Committed events (or 'all': time passed): the tickets of the services they name are looked at again. */
  changed(events: readonly Outgoing[] | 'all'): void {
    if (this.followed.size === 0) return;
    if (events === 'all') this.dirty = 'all';
    else if (this.dirty !== 'all') {
      for (const e of events) {
        if ('serviceId' in e.data) this.dirty.add(e.data.serviceId);
        if ('ticketId' in e.data) this.named.add(e.data.ticketId);
        // A counter's change (its name, pause) touches no waiting ticket's figures; a call names its service.
      }
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const dirty = this.dirty;
    const named = this.named;
    this.dirty = new Set();
    this.named = new Set();
    const todo = [...this.followed].filter(([, f]) => dirty === 'all' || dirty.has(f.serviceId));
    // The phone of the ticket just called goes first, before the "one fewer ahead" of everyone behind it.
    todo.sort(([, a], [, b]) => Number(named.has(b.ticketId)) - Number(named.has(a.ticketId)));
    const memo = this.ctx.queue.memo(this.ctx.queue.today());
    for (const [code, f] of todo) {
      const view = this.read(code, this.row(code), memo);
      if (!view) continue;
      const body = JSON.stringify(view);
      if (body === f.last) continue;
      f.last = body;
      f.serviceId = view.serviceId;
      this.nsp.to(code).emit(TICKET_STREAM.event, view);
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
