/**
 * The stand-in's dossier statuses (issue 18; DESIGN.md, "Provincial status"): a status per dossier it received —
 * 2 at receipt, 10 when the returned record arrives —, moved to 9 (NgayCoKetQua) once `readyAfterSeconds` have
 * passed since receipt, or to any status by the control call. Each change can be pushed to the center, signed.
 * Time is the injected clock's: {@link StatusBook.sweep} applies what fell due (the CLI calls it every second, a
 * test after moving its clock), and a status read applies its own dossier's first.
 */
import { z } from 'zod';
import { formatCompact } from '../domain/time.js';
import { signedHeaders } from './push-signature.js';

/** A status as the stand-in answers and pushes it (the national field names). */
export interface MockStatus {
  MaHoSo: string;
  TrangThaiHoSo: number;
  NgayHenTra: string | null;
  NgayCoKetQua: string | null;
  NoiTraKetQua: string | null;
  LyDo: string | null;
}

/** `POST /_control/dossiers/:code`: the status to move to, and what the province says with it. */
export const StatusMove = z.strictObject({
  TrangThaiHoSo: z.number().int().min(1).max(10),
  LyDo: z.string().max(1000).nullable().optional(),
  NoiTraKetQua: z.string().max(300).nullable().optional(),
  NgayHenTra: z
    .string()
    .regex(/^\d{14}$/)
    .nullable()
    .optional(),
});
export type StatusMove = z.infer<typeof StatusMove>;

export interface PushTarget {
  /** The center's push endpoint, e.g. `http://127.0.0.1:8080/api/provincial/status`. */
  url: string;
  secret: string;
}

/** One push's fate (never its body): for the CLI's line and the tests. */
export interface PushEvent {
  code: string;
  status: number;
  /** The center's HTTP status, or null when it could not be reached. */
  answer: number | null;
}

export interface StatusBookOptions {
  now: () => number;
  /** Seconds from receipt to "result ready" (9); null = only the control call moves a dossier on. */
  readyAfterSeconds?: number | null;
  push?: PushTarget | undefined;
  onPush?: ((e: PushEvent) => void) | undefined;
  fetchImpl?: typeof fetch;
}

interface Entry {
  status: MockStatus;
  receivedAt: number;
}

const READY = 9;
/** Statuses the ready timer moves on: received and in progress (not a supplement asked, a refusal, …). */
const MOVES_ON = new Set([2, 4]);
const PUSH_TIMEOUT_MS = 5_000;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

export class StatusBook {
  private entries = new Map<string, Entry>();
  /** Pushes go one at a time, in order: a dossier's later status never overtakes its earlier one. */
  private pushing: Promise<void> = Promise.resolve();
  private readonly counts = { reads: 0, pushed: 0, pushFailed: 0 };

  constructor(private readonly options: StatusBookOptions) {}

  /** A record the stand-in stored: the dossier is received (2), or returned (10); `push` false on a reload. */
  recordStored(body: Record<string, unknown>, at: number, push = true): void {
    const code = text(body.MaHoSo);
    if (!code) return;
    const returned = body.TrangThaiHoSo === 10 || body.TrangThaiHoSo === '10';
    const existing = this.entries.get(code);
    if (existing && !returned) return;
    const status: MockStatus = existing
      ? { ...existing.status, TrangThaiHoSo: 10 }
      : {
          MaHoSo: code,
          TrangThaiHoSo: returned ? 10 : 2,
          NgayHenTra: text(body.NgayHenTra),
          NgayCoKetQua: null,
          NoiTraKetQua: null,
          LyDo: null,
        };
    this.set(code, status, existing?.receivedAt ?? at, push);
  }

  /** The dossier's status now (due moves applied first), or null when the stand-in never heard of it. */
  read(code: string): MockStatus | null {
    this.counts.reads += 1;
    const entry = this.entries.get(code);
    if (!entry) return null;
    this.due(code, entry);
    return { ...(this.entries.get(code) ?? entry).status };
  }

  /** The control call: moves a dossier to a status (one the stand-in never heard of is created). */
  move(code: string, move: StatusMove): MockStatus {
    const now = this.options.now();
    const entry = this.entries.get(code);
    const before: MockStatus = entry?.status ?? {
      MaHoSo: code,
      TrangThaiHoSo: 2,
      NgayHenTra: null,
      NgayCoKetQua: null,
      NoiTraKetQua: null,
      LyDo: null,
    };
    const status: MockStatus = {
      ...before,
      TrangThaiHoSo: move.TrangThaiHoSo,
      ...(move.NgayHenTra !== undefined ? { NgayHenTra: move.NgayHenTra } : {}),
      ...(move.NoiTraKetQua !== undefined ? { NoiTraKetQua: move.NoiTraKetQua } : {}),
      LyDo: move.LyDo ?? null,
    };
    if (move.TrangThaiHoSo === READY && !status.NgayCoKetQua) {
      status.NgayCoKetQua = formatCompact(new Date(now));
    }
    // Moved back before a result (a supplement asked after all): there is no result any more.
    if (move.TrangThaiHoSo < READY) status.NgayCoKetQua = null;
    this.set(code, status, entry?.receivedAt ?? now);
    return { ...status };
  }

  /** Applies every move that fell due (the ready timer); returns how many dossiers moved. */
  sweep(): number {
    let moved = 0;
    for (const [code, entry] of this.entries) if (this.due(code, entry)) moved += 1;
    return moved;
  }

  /** Every dossier's status (for `GET /dossier-statuses` and the tests). */
  all(): MockStatus[] {
    return [...this.entries.values()].map((e) => ({ ...e.status }));
  }

  size(): number {
    return this.entries.size;
  }

  stats(): { statuses: number; reads: number; pushed: number; pushFailed: number } {
    return { statuses: this.entries.size, ...this.counts };
  }

  /** Resolves once every push queued so far has been answered (or failed). */
  idle(): Promise<void> {
    return this.pushing;
  }

  reset(): void {
    this.entries = new Map();
    this.counts.reads = 0;
    this.counts.pushed = 0;
    this.counts.pushFailed = 0;
  }

  private due(code: string, entry: Entry): boolean {
    const after = this.options.readyAfterSeconds;
    if (after === null || after === undefined || !MOVES_ON.has(entry.status.TrangThaiHoSo)) return false;
    const readyAt = entry.receivedAt + after * 1000;
    if (this.options.now() < readyAt) return false;
    this.set(
      code,
      { ...entry.status, TrangThaiHoSo: READY, NgayCoKetQua: formatCompact(new Date(readyAt)) },
      entry.receivedAt,
    );
    return true;
  }

  private set(code: string, status: MockStatus, receivedAt: number, push = true): void {
    this.entries.set(code, { status, receivedAt });
    if (push && this.options.push) this.queuePush(this.options.push, { ...status });
  }

  private queuePush(target: PushTarget, status: MockStatus): void {
    this.pushing = this.pushing.then(() => this.pushOne(target, status));
  }

  private async pushOne(target: PushTarget, status: MockStatus): Promise<void> {
    const body = JSON.stringify(status);
    const fetchImpl = this.options.fetchImpl ?? fetch;
    let answer: number | null = null;
    try {
      const res = await fetchImpl(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signedHeaders(target.secret, body, this.options.now()),
        },
        body,
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      answer = res.status;
    } catch {
      answer = null;
    }
    // Not retried: the center also pulls, so a lost push only delays what it learns.
    if (answer !== null && answer >= 200 && answer < 300) this.counts.pushed += 1;
    else this.counts.pushFailed += 1;
    this.options.onPush?.({ code: status.MaHoSo, status: status.TrangThaiHoSo, answer });
  }
}
