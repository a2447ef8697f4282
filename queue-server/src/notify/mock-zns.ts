/**
 * A stand-in for Zalo ZNS (template notices; ../../../README "Notices"): `POST /zns/message/template` with header
 * `access_token` and `{phone: "84…", template_id, template_data, tracking_id}`, answered HTTP 200 with Zalo's
 * envelope `{error, message, data?}` — `error: 0` and `data: {msg_id, sent_time, quota}` when sent, a negative code
 * otherwise (./zns.ts ZNS_ERRORS, shared with the adapter). Templates registered here are checked as Zalo's review
 * fixes them: exactly the declared parameters, no link or phone number in a value, ≤ 400 characters rendered.
 * A repeated `tracking_id` is answered with the first message's id and reaches the phone once (counted).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sendJson } from '../sync/provincial-mock-wire.js';
import { FaultGate, type GateOptions } from './mock-gate.js';
import { renderTemplate } from '@layso/protocol';
import { serviceDay } from '../domain/time.js';
import { templateProblem, type TemplateShape } from './template.js';
import { ZNS_ERRORS } from './zns.js';

export interface ZnsMessage {
  msgId: string;
  trackingId: string;
  phone: string;
  templateId: string;
  data: Record<string, string>;
  /** The text the phone shows (the registered template rendered), or the data as JSON for an unregistered one. */
  text: string;
  sentAt: string;
  /** Attempts with this tracking id (1 + duplicates). */
  count: number;
}

export interface ZnsStats {
  requests: number;
  sent: number;
  duplicates: number;
  refused: Record<string, number>;
  remainingQuota: number;
}

export interface ZnsStandInOptions extends GateOptions {
  accessToken?: string;
  /** Messages a day (Zalo starts a new sender at 5,000). */
  dailyQuota?: number;
  /** Registered templates by id; an id not here is refused (-109) unless none are registered. */
  templates?: Record<string, TemplateShape>;
  /** Phones ("84…") that have no Zalo account: answered -118. */
  noZalo?: string[];
}

const PHONE = /^84\d{9,10}$/;

const ZnsBody = z.object({
  phone: z.string(),
  template_id: z.union([z.string().min(1), z.number().int()]).optional(),
  template_data: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  tracking_id: z.string().min(1).max(48),
});

/** Requests, duplicates, and refusals by the provider's code. */
interface Counts {
  requests: number;
  duplicates: number;
  refused: Record<string, number>;
}

export class ZnsStandIn {
  readonly gate: FaultGate;
  private byTracking = new Map<string, ZnsMessage>();
  private readonly noZalo: Set<string>;
  private readonly templates: Map<string, TemplateShape>;
  private counts: Counts = { requests: 0, duplicates: 0, refused: {} };
  private day = '';
  private sentToday = 0;

  constructor(private readonly options: ZnsStandInOptions) {
    this.gate = new FaultGate(options);
    this.noZalo = new Set(options.noZalo ?? []);
    this.templates = new Map(Object.entries(options.templates ?? {}));
  }

  get dailyQuota(): number {
    return this.options.dailyQuota ?? 5000;
  }

  registerTemplate(id: string, template: TemplateShape): void {
    this.templates.set(id, template);
  }

  setNoZalo(phone: string, none = true): void {
    if (none) this.noZalo.add(phone);
    else this.noZalo.delete(phone);
  }

  received(): ZnsMessage[] {
    return [...this.byTracking.values()].map((m) => ({ ...m }));
  }

  private remaining(): number {
    // The quota is per day in Vietnam's time: a new day starts a new count.
    const today = serviceDay(new Date(this.options.now()));
    if (today !== this.day) {
      this.day = today;
      this.sentToday = 0;
    }
    return Math.max(0, this.dailyQuota - this.sentToday);
  }

  stats(): ZnsStats {
    return {
      requests: this.counts.requests,
      sent: this.byTracking.size,
      duplicates: this.counts.duplicates,
      refused: { ...this.counts.refused },
      remainingQuota: this.remaining(),
    };
  }

  reset(): void {
    this.byTracking = new Map();
    this.counts = { requests: 0, duplicates: 0, refused: {} };
    this.sentToday = 0;
    this.gate.resetCounts();
  }

  private refuse(res: ServerResponse, code: number, message: string): void {
    this.counts.refused[String(code)] = (this.counts.refused[String(code)] ?? 0) + 1;
    sendJson(res, 200, { error: code, message });
  }

  private answer(res: ServerResponse, m: ZnsMessage): void {
    sendJson(res, 200, {
      error: 0,
      message: 'Success',
      data: {
        msg_id: m.msgId,
        sent_time: String(Date.parse(m.sentAt)),
        quota: { dailyQuota: String(this.dailyQuota), remainingQuota: String(this.remaining()) },
      },
    });
  }

  /** `POST /zns/message/template`. */
  async send(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    this.counts.requests += 1;
    if (await this.gate.before(req, res)) return;
    const token = this.options.accessToken;
    if (token !== undefined && req.headers.access_token !== token) {
      return this.refuse(res, ZNS_ERRORS.badToken, 'Access token is invalid');
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return this.refuse(res, ZNS_ERRORS.badData, 'Body is not JSON');
    }
    const parsed = ZnsBody.safeParse(body);
    if (!parsed.success) return this.refuse(res, ZNS_ERRORS.badData, 'Body invalid');
    const { phone, template_id, template_data, tracking_id } = parsed.data;
    if (!PHONE.test(phone)) return this.refuse(res, ZNS_ERRORS.badPhone, 'Phone number invalid');
    if (template_id === undefined) return this.refuse(res, ZNS_ERRORS.badTemplate, 'Template ID invalid');
    if (template_data === undefined || Object.keys(template_data).length === 0) {
      return this.refuse(res, ZNS_ERRORS.emptyData, 'Template data empty');
    }
    const data = Object.fromEntries(Object.entries(template_data).map(([k, v]) => [k, String(v)]));
    const templateId = String(template_id);
    const template = this.templates.get(templateId);
    if (!template && this.templates.size > 0)
      return this.refuse(res, ZNS_ERRORS.badTemplate, 'Template ID invalid');
    if (template) {
      const problem = templateProblem(template, data, 400);
      if (problem) return this.refuse(res, ZNS_ERRORS.badData, `Template data invalid: ${problem}`);
    }
    if (this.noZalo.has(phone)) return this.refuse(res, ZNS_ERRORS.noZalo, 'Zalo account not existed');

    const existing = this.byTracking.get(tracking_id);
    if (existing) {
      existing.count += 1;
      this.counts.duplicates += 1;
      return this.answer(res, existing);
    }
    if (this.remaining() <= 0) return this.refuse(res, ZNS_ERRORS.quota, 'Out of daily quota');
    const message: ZnsMessage = {
      msgId: randomUUID().replaceAll('-', ''),
      trackingId: tracking_id,
      phone,
      templateId,
      data,
      text: template ? renderTemplate(template.text, data) : JSON.stringify(data),
      sentAt: new Date(this.options.now()).toISOString(),
      count: 1,
    };
    this.byTracking.set(tracking_id, message);
    this.options.onStored?.();
    this.sentToday += 1;
    if (this.gate.lostAfterStore(req, res)) return;
    this.answer(res, message);
  }

  close(): void {
    this.gate.close();
  }
}
