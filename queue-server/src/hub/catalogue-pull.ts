/**
 * Hub → site (issue 20, Deliver 3): the province's catalogue and settings, pulled from `${HUB_URL}/api/hub/catalogue`
 * with the site key and `If-None-Match`, every HUB_CATALOGUE_PULL_MINUTES and when the admin asks ("Cập nhật từ
 * tỉnh"). A changed document is applied in one transaction: the procedures and their service, the announcement
 * and the priority groups the province sets, and the record of what it manages (db/province.ts) — which the admin's
 * edits then refuse (LAYSO_PROVINCE_MANAGED). A failed pull changes nothing: the site keeps what it last applied.
 */
import {
  HUB_ENDPOINTS,
  HubCatalogue,
  type ProvinceCatalogueReply,
  type ProvinceCatalogueStatus,
} from '@layso/protocol';
import type { AuditLog } from '../db/audit.js';
import type { Store } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import { toIso } from '../domain/time.js';
import { fail } from '../errors.js';
import type { Job } from '../jobs.js';
import type { SyncLogger } from '../sync/provincial.js';

export interface CataloguePullOptions {
  /** HUB_URL and HUB_SITE_KEY; null when the site is not joined (the pull is off). */
  hub: { url: string; siteKey: string } | null;
  everyMs: number;
  store: Store;
  clock: Clock;
  audit: Pick<AuditLog, 'record'>;
  /** After a change committed: the search index and the settings read again, the screens told. */
  applied: (announceChanged: boolean) => void;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  logger?: SyncLogger;
}

type Outcome = { ok: true; result: 'updated' | 'unchanged' } | { ok: false; error: string };

export class CataloguePull {
  private lastCheckedAt: Date | null = null;
  private lastResult: 'updated' | 'unchanged' | null = null;
  private lastFailure: { at: Date; error: string } | null = null;
  /** The pull under way: a second caller (the job and the admin at once) waits for it instead of pulling again. */
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private request: AbortController | null = null;

  constructor(private readonly o: CataloguePullOptions) {}

  get joined(): boolean {
    return this.o.hub !== null;
  }

  /** Pulls on start and every `everyMs` (null when not joined). */
  job(): Job | null {
    if (!this.o.hub) return null;
    return {
      name: 'hub-catalogue',
      start: () => {
        this.timer = setInterval(() => void this.pull(), this.o.everyMs);
        this.timer.unref();
        void this.pull();
      },
      stop: async () => {
        clearInterval(this.timer);
        this.request?.abort();
        await this.running;
      },
    };
  }

  /** Pulls now (the admin's button); resolves with the state after it. */
  async pullNow(): Promise<ProvinceCatalogueReply> {
    if (!this.o.hub) fail('LAYSO_HUB_NOT_JOINED');
    await this.pull();
    return this.reply();
  }

  status(): ProvinceCatalogueStatus {
    const applied = this.o.store.province.applied();
    const at = (d: Date | null | undefined) => (d ? toIso(d) : null);
    const failing =
      this.lastFailure !== null && (this.lastCheckedAt === null || this.lastFailure.at > this.lastCheckedAt);
    return {
      state: !this.o.hub ? 'off' : failing ? 'failing' : this.lastCheckedAt ? 'current' : 'unknown',
      version: applied?.version ?? 0,
      etag: applied?.etag ?? null,
      appliedAt: at(applied?.appliedAt),
      lastCheckedAt: at(this.lastCheckedAt),
      lastResult: this.lastResult,
      lastFailureAt: at(this.lastFailure?.at),
      lastError: this.lastFailure?.error ?? null,
      managed: {
        procedures: this.o.store.province.procedures().length,
        announce: applied?.announce ?? false,
        priorityGroups: applied?.priorityGroups ?? false,
      },
    };
  }

  reply(): ProvinceCatalogueReply {
    return { ...this.status(), procedures: this.o.store.province.procedures() };
  }

  private pull(): Promise<void> {
    this.running ??= this.once().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async once(): Promise<void> {
    const outcome = await this.fetchAndApply().catch((e: unknown): Outcome => ({
      ok: false,
      error: e instanceof Error ? e.message.slice(0, 200) : 'failed',
    }));
    const now = this.o.clock.now();
    if (outcome.ok) {
      this.lastCheckedAt = now;
      this.lastResult = outcome.result;
      return;
    }
    if (this.lastFailure?.error !== outcome.error)
      this.o.logger?.warn({ error: outcome.error }, 'hub catalogue: pull failed, the last one stays');
    this.lastFailure = { at: now, error: outcome.error };
  }

  private async fetchAndApply(): Promise<Outcome> {
    const hub = this.o.hub;
    if (!hub) return { ok: false, error: 'not joined' };
    const etag = this.o.store.province.applied()?.etag ?? null;
    const request = new AbortController();
    this.request = request;
    const timer = setTimeout(() => request.abort(), this.o.timeoutMs ?? 30_000);
    let res: Response;
    let text: string;
    try {
      res = await (this.o.fetchImpl ?? fetch)(
        `${hub.url.trim().replace(/\/+$/, '')}${HUB_ENDPOINTS.hubCatalogue.path}`,
        {
          headers: {
            Accept: 'application/json',
            Authorization: `Bearer ${hub.siteKey}`,
            ...(etag ? { 'If-None-Match': etag } : {}),
          },
          signal: request.signal,
        },
      );
      text = await res.text();
    } catch (e) {
      if (request.signal.aborted) return { ok: false, error: 'timeout' };
      return { ok: false, error: e instanceof Error ? `network: ${e.message.slice(0, 120)}` : 'network' };
    } finally {
      clearTimeout(timer);
      this.request = null;
    }
    if (res.status === 304) return { ok: true, result: 'unchanged' };
    if (res.status !== 200) return { ok: false, error: `HTTP ${res.status} ${codeOf(text)}`.trim() };
    let parsed;
    try {
      parsed = HubCatalogue.safeParse(JSON.parse(text));
    } catch {
      return { ok: false, error: 'unreadable catalogue (not JSON)' };
    }
    if (!parsed.success) return { ok: false, error: 'unreadable catalogue (does not match the contract)' };
    this.apply(parsed.data, res.headers.get('etag'));
    return { ok: true, result: 'updated' };
  }

  /** One transaction: a document is applied whole or not at all. */
  private apply(doc: HubCatalogue, etag: string | null): void {
    const { store, clock } = this.o;
    const now = clock.now();
    const announceBefore = store.settings.centerValues().find((v) => v.key === 'announce')?.value ?? null;
    store.transaction(() => {
      const services = new Map(store.catalogue.services().map((s) => [s.code, s.id]));
      const held = new Map(store.catalogue.procedures().map((p) => [p.code, p.serviceId]));
      for (const p of doc.procedures) {
        const { service, ...row } = p;
        // A service the province names and the site has; else the site's own mapping stays (a new one: none).
        const named = service === null ? undefined : services.get(service);
        store.catalogue.upsertProcedure({ ...row, serviceId: named ?? held.get(p.code) ?? null });
      }
      if (doc.announce) store.settings.putCenterValue('announce', JSON.stringify(doc.announce));
      if (doc.priorityGroups) store.catalogue.setPriorityGroups(doc.priorityGroups);
      store.province.replace(
        {
          version: doc.version,
          etag,
          appliedAt: now,
          announce: doc.announce !== null,
          priorityGroups: doc.priorityGroups !== null,
        },
        doc.procedures.map((p) => ({ code: p.code, service: p.service })),
      );
      this.o.audit.record(now, null, 'province.catalogue', {
        version: doc.version,
        procedures: doc.procedures.length,
        announce: doc.announce !== null,
        priorityGroups: doc.priorityGroups !== null,
      });
    });
    const announceAfter = store.settings.centerValues().find((v) => v.key === 'announce')?.value ?? null;
    this.o.applied(announceAfter !== announceBefore);
  }
}

function codeOf(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'error' in body) {
      const error: unknown = body.error;
      if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
        return error.code;
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return '';
}
