import type {
  AdminDevice,
  AdminUser,
  AuditEntry,
  BackupReply,
  CatalogueImportReport,
  CenterSettings,
  Counter,
  CounterInput,
  DevicePairing,
  DeviceKind,
  OutboxReply,
  PriorityGroup,
  Procedure,
  ReportFormat,
  ReportReply,
  Role,
  Service,
  ServiceInput,
  SetupStatus,
  SimulationJob,
  SimulationRequest,
  SimulationSetup,
  User,
  UserUpdate,
} from '@layso/protocol';
import { ApiError, createApi, type ApiOptions } from './api.js';
import { NETWORK_ERROR } from './i18n.js';

export interface ReportRange {
  from: string;
  to: string;
  targetWaitMinutes?: number;
}

/**
 * The admin's and supervisor's calls, on top of the screens' client (same errors, same token handling).
 * Reports download as files (CSV, XLSX) through `reportFile`, with the session's token like every other call.
 */
export function createAdminApi(options: ApiOptions = {}) {
  const api = createApi(options);
  const { request } = api;
  const reportQuery = (r: ReportRange, format: ReportFormat) =>
    new URLSearchParams({
      from: r.from,
      to: r.to,
      format,
      ...(r.targetWaitMinutes ? { targetWaitMinutes: String(r.targetWaitMinutes) } : {}),
    }).toString();

  return {
    ...api,
    setupStatus: () => request<SetupStatus>('GET', '/api/setup'),
    setup: (body: { code: string; username: string; displayName: string; password: string }) =>
      request<User>('POST', '/api/setup', body),

    adminServices: () => request<Service[]>('GET', '/api/admin/services'),
    saveService: (id: number | null, body: ServiceInput) =>
      id === null
        ? request<Service>('POST', '/api/admin/services', body)
        : request<Service>('PUT', `/api/admin/services/${id}`, body),
    saveCounter: (id: number | null, body: CounterInput) =>
      id === null
        ? request<Counter>('POST', '/api/admin/counters', body)
        : request<Counter>('PUT', `/api/admin/counters/${id}`, body),
    savePriorityGroups: (groups: Pick<PriorityGroup, 'code' | 'name' | 'nameEn'>[]) =>
      request<PriorityGroup[]>('PUT', '/api/admin/priority-groups', groups),
    importCatalogue: (body: {
      format: 'csv' | 'json';
      content: string;
      dryRun: boolean;
      agencyMap?: Record<string, string>;
    }) => request<CatalogueImportReport>('POST', '/api/admin/catalogue/import', body),
    /** Offers a procedure under another service (null: none). */
    setProcedureService: (id: number, serviceId: number | null) =>
      request<Procedure>('PUT', `/api/admin/procedures/${id}`, { serviceId }),

    users: () => request<AdminUser[]>('GET', '/api/admin/users'),
    addUser: (body: {
      username: string;
      displayName: string;
      password: string;
      role: Role;
      counterId: number | null;
    }) => request<User>('POST', '/api/admin/users', body),
    updateUser: (id: number, body: UserUpdate) => request<AdminUser>('PUT', `/api/admin/users/${id}`, body),
    resetPassword: (id: number, password: string) =>
      request<AdminUser>('POST', `/api/admin/users/${id}/password`, { password }),

    devices: () => request<AdminDevice[]>('GET', '/api/admin/devices'),
    addDevice: (body: { kind: DeviceKind; name: string; counterId: number | null }) =>
      request<DevicePairing>('POST', '/api/admin/devices', body),
    revokeDevice: (id: number) => request<AdminDevice>('DELETE', `/api/admin/devices/${id}`),

    settings: () => request<CenterSettings>('GET', '/api/admin/settings'),
    saveSettings: (body: CenterSettings) => request<CenterSettings>('PUT', '/api/admin/settings', body),
    audit: (limit = 200) => request<AuditEntry[]>('GET', `/api/admin/audit?limit=${limit}`),
    outbox: (filter: 'pending' | 'delivered' | 'dead' | 'all' = 'all', limit = 20) =>
      request<OutboxReply>('GET', `/api/admin/outbox?filter=${filter}&limit=${limit}`),
    retryDead: () => request<{ retried: number }>('POST', '/api/admin/outbox/retry-dead'),
    backup: () => request<BackupReply>('POST', '/api/admin/backup'),

    simulationSetup: () => request<SimulationSetup>('GET', '/api/admin/simulation'),
    startSimulation: (body: SimulationRequest) =>
      request<SimulationJob>('POST', '/api/admin/simulations', body),
    simulation: (id: string) =>
      request<SimulationJob>('GET', `/api/admin/simulations/${encodeURIComponent(id)}`),
    report: (r: ReportRange) => request<ReportReply>('GET', `/api/reports?${reportQuery(r, 'json')}`),
    /** The report as a file (CSV or XLSX) and the name the server gave it. */
    reportFile: async (r: ReportRange, format: 'csv' | 'xlsx'): Promise<{ blob: Blob; name: string }> => {
      const base = (options.baseUrl ?? '').replace(/\/$/, '');
      const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
      let res: Response;
      try {
        res = await doFetch(`${base}/api/reports?${reportQuery(r, format)}`, {
          headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
          signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
          cache: 'no-store',
        });
      } catch {
        throw new ApiError('LAYSO_NETWORK', NETWORK_ERROR, 0);
      }
      if (!res.ok) {
        const err = (
          (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
        )?.error;
        throw new ApiError(err?.code ?? 'LAYSO_INTERNAL', err?.message ?? NETWORK_ERROR, res.status);
      }
      const disposition = res.headers.get('content-disposition') ?? '';
      const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `bao-cao-${r.from}-${r.to}.${format}`;
      return { blob: await res.blob(), name };
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
