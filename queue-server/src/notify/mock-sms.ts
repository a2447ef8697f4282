/**
 * A stand-in for an SMS brandname gateway (the shape Vietnamese gateways share): `POST /sms/send` with
 * `Authorization: Bearer <api key>` and `{to: "84…", brandname, text, requestId}` → 200 `{code: "00", messageId,
 * parts}`; a refusal is a 4xx with `{code, message}` (bad phone, brandname not registered, a link in the text,
 * too many parts). Parts as the carriers count them: 160 characters (153 when split) in GSM-7, 70 (67) when the
 * text needs Unicode, e.g. Vietnamese with its diacritics. A repeated `requestId` is answered with the first
 * message's id and reaches the phone once (counted).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sendJson } from '../sync/provincial-mock-wire.js';
import { FaultGate, type GateOptions } from './mock-gate.js';
import { smsParts } from './sms.js';

export interface SmsMessage {
  messageId: string;
  requestId: string;
  to: string;
  brandname: string;
  text: string;
  parts: number;
  sentAt: string;
  count: number;
}

export interface SmsStats {
  requests: number;
  sent: number;
  parts: number;
  duplicates: number;
  refused: Record<string, number>;
}

export interface SmsStandInOptions extends GateOptions {
  apiKey?: string;
  /** Registered sender names (default ["LAYSO"]). */
  brandnames?: string[];
  /** Parts one message may take (default 3). */
  maxParts?: number;
}

const Body = z.object({
  to: z.string(),
  brandname: z.string(),
  text: z.string(),
  requestId: z.string().min(1).max(64),
});

const LINK = /(https?:\/\/|www\.)/i;

/** Requests, duplicates, and refusals by the provider's code. */
interface Counts {
  requests: number;
  duplicates: number;
  refused: Record<string, number>;
}

export class SmsStandIn {
  readonly gate: FaultGate;
  private byRequest = new Map<string, SmsMessage>();
  private counts: Counts = { requests: 0, duplicates: 0, refused: {} };

  constructor(private readonly options: SmsStandInOptions) {
    this.gate = new FaultGate(options);
  }

  received(): SmsMessage[] {
    return [...this.byRequest.values()].map((m) => ({ ...m }));
  }

  stats(): SmsStats {
    const sent = [...this.byRequest.values()];
    return {
      requests: this.counts.requests,
      sent: sent.length,
      parts: sent.reduce((n, m) => n + m.parts, 0),
      duplicates: this.counts.duplicates,
      refused: { ...this.counts.refused },
    };
  }

  reset(): void {
    this.byRequest = new Map();
    this.counts = { requests: 0, duplicates: 0, refused: {} };
    this.gate.resetCounts();
  }

  private refuse(res: ServerResponse, status: number, code: string, message: string): void {
    this.counts.refused[code] = (this.counts.refused[code] ?? 0) + 1;
    sendJson(res, status, { code, message });
  }

  /** `POST /sms/send`. */
  async send(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    this.counts.requests += 1;
    if (await this.gate.before(req, res)) return;
    const key = this.options.apiKey;
    if (key !== undefined && req.headers.authorization !== `Bearer ${key}`) {
      return this.refuse(res, 401, '401', 'Unauthorized');
    }
    let parsed: z.infer<typeof Body>;
    try {
      const result = Body.safeParse(JSON.parse(raw.toString('utf8')));
      if (!result.success) return this.refuse(res, 400, '99', 'Bad request');
      parsed = result.data;
    } catch {
      return this.refuse(res, 400, '99', 'Body is not JSON');
    }
    const { to, brandname, text, requestId } = parsed;
    if (!/^84\d{9,10}$/.test(to)) return this.refuse(res, 400, '10', 'Phone number invalid');
    if (!(this.options.brandnames ?? ['LAYSO']).includes(brandname)) {
      return this.refuse(res, 400, '11', 'Brandname not registered');
    }
    if (text.trim() === '') return this.refuse(res, 400, '12', 'Empty text');
    if (LINK.test(text)) return this.refuse(res, 400, '13', 'Links are not allowed');
    const parts = smsParts(text);
    if (parts > (this.options.maxParts ?? 3)) return this.refuse(res, 400, '14', 'Text too long');

    const existing = this.byRequest.get(requestId);
    if (existing) {
      existing.count += 1;
      this.counts.duplicates += 1;
      sendJson(res, 200, {
        code: '00',
        messageId: existing.messageId,
        parts: existing.parts,
        duplicate: true,
      });
      return;
    }
    const message: SmsMessage = {
      messageId: randomUUID(),
      requestId,
      to,
      brandname,
      text,
      parts,
      sentAt: new Date(this.options.now()).toISOString(),
      count: 1,
    };
    this.byRequest.set(requestId, message);
    this.options.onStored?.();
    if (this.gate.lostAfterStore(req, res)) return;
    sendJson(res, 200, { code: '00', messageId: message.messageId, parts });
  }

  close(): void {
    this.gate.close();
  }
}
