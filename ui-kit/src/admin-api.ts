import {
  ENDPOINTS,
  fillPath,
  type BodyIn,
  type BookingSettings,
  type CenterSettings,
  type DossierView,
  type QueryIn,
  type CounterInput,
  type ReportFormat,
  type ServiceInput,
  type SimulationRequest,
  type UserUpdate,
} from '@layso/protocol';
import { feedbackRegisterFileName } from '@layso/protocol/feedback-labels';
import { createApi, type ApiOptions } from './api.js';
import { createFetchFile } from './rest.js';

export interface ReportRange {
  from: string;
  to: string;
  targetWaitMinutes?: number;
}

/** Which list of the dossier register, of which receiving service or officer. */
export interface DossierListFilter {
  view: DossierView;
  serviceId?: number;
  officerId?: number;
}

/**
 * The admin's and supervisor's calls, on top of the screens' client (same errors, same token handling).
 * Reports and dossier lists download as files (CSV, XLSX) through `reportFile` and `dossiersFile`, with the
 * session's token like every other call.
 */
export function createAdminApi(options: ApiOptions = {}) {
  const api = createApi(options);
  const { call } = api;
  const id = (id: number) => ({ params: { id } });
  const reportQuery = (r: ReportRange, format: ReportFormat) => ({
    from: r.from,
    to: r.to,
    format,
    ...(r.targetWaitMinutes ? { targetWaitMinutes: r.targetWaitMinutes } : {}),
  });

  const fetchFile = createFetchFile(options);
  /** A GET endpoint's answer as a file (an export), with the session's token like every other call. */
  const file = <N extends 'report' | 'dossiers' | 'feedbackRegister'>(
    name: N,
    query: QueryIn<N>,
    fallbackName: string,
  ) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) q.set(k, String(v));
    return fetchFile(`${ENDPOINTS[name].path}?${q}`, fallbackName);
  };

  return {
    ...api,
    setupStatus: () => call('setupStatus'),
    setup: (body: BodyIn<'setup'>) => call('setup', { body }),

    adminServices: () => call('adminServices'),
    saveService: (serviceId: number | null, body: ServiceInput) =>
      serviceId === null ? call('addService', { body }) : call('updateService', { ...id(serviceId), body }),
    saveCounter: (counterId: number | null, body: CounterInput) =>
      counterId === null ? call('addCounter', { body }) : call('updateCounter', { ...id(counterId), body }),
    savePriorityGroups: (groups: BodyIn<'setPriorityGroups'>) => call('setPriorityGroups', { body: groups }),
    importCatalogue: (body: BodyIn<'importCatalogue'>) => call('importCatalogue', { body }),
    /** Offers a procedure under another service (null: none). */
    setProcedureService: (procedureId: number, serviceId: number | null) =>
      call('setProcedureService', { ...id(procedureId), body: { serviceId } }),
    /** What the province's catalogue manages here, and its pull; "Cập nhật từ tỉnh" pulls it now. */
    provinceCatalogue: () => call('provinceCatalogue'),
    pullProvinceCatalogue: () => call('pullProvinceCatalogue'),

    users: () => call('users'),
    addUser: (body: BodyIn<'addUser'>) => call('addUser', { body }),
    updateUser: (userId: number, body: UserUpdate) => call('updateUser', { ...id(userId), body }),
    resetPassword: (userId: number, password: string) =>
      call('resetPassword', { ...id(userId), body: { password } }),

    devices: () => call('devices'),
    addDevice: (body: BodyIn<'addDevice'>) => call('addDevice', { body }),
    revokeDevice: (deviceId: number) => call('revokeDevice', id(deviceId)),

    settings: () => call('settings'),
    saveSettings: (body: CenterSettings) => call('saveSettings', { body }),
    audit: (limit = 200) => call('audit', { query: { limit } }),
    outbox: (filter: 'pending' | 'delivered' | 'dead' | 'all' = 'all', limit = 20) =>
      call('outbox', { query: { filter, limit } }),
    retryDead: () => call('retryDeadOutbox'),
    backup: () => call('backup'),

    /** Notices to citizens (issue 19): settings with masked credentials, deliveries, retrying dead letters. */
    noticeSettings: () => call('noticeSettings'),
    saveNoticeSettings: (body: BodyIn<'saveNoticeSettings'>) => call('saveNoticeSettings', { body }),
    noticeDeliveries: (query: QueryIn<'noticeDeliveries'>) => call('noticeDeliveries', { query }),
    retryNotices: (body: BodyIn<'retryNotices'>) => call('retryNotices', { body }),

    simulationSetup: () => call('simulationSetup'),
    startSimulation: (body: SimulationRequest) => call('startSimulation', { body }),
    simulation: (jobId: string) => call('simulation', { params: { id: jobId } }),
    report: (r: ReportRange) => call('report', { query: reportQuery(r, 'json') }),
    /** The report as a file (CSV or XLSX) and the name the server gave it. */
    reportFile: (r: ReportRange, format: 'csv' | 'xlsx') =>
      file('report', reportQuery(r, format), `bao-cao-${r.from}-${r.to}.${format}`),

    /** A list of the dossier register by deadline. */
    dossiers: (q: DossierListFilter) => call('dossiers', { query: { ...q, format: 'json' } }),
    /** The same list as an XLSX file. */
    dossiersFile: (q: DossierListFilter) =>
      file('dossiers', { ...q, format: 'xlsx' }, `ho-so-${q.view}.xlsx`),
    /** Decision 766's progress figures over a range of days. */
    dossierProgress: (r: { from: string; to: string }) => call('dossierProgress', { query: r }),

    /** Appointments (issue 21): the booking settings, a day's bookings with their slots, the booking report. */
    bookingSettings: () => call('bookingSettings'),
    saveBookingSettings: (body: BookingSettings) => call('setBookingSettings', { body }),
    adminBookings: (day: string, serviceId?: number) =>
      call('adminBookings', { query: serviceId === undefined ? { day } : { day, serviceId } }),
    bookingReport: (r: { from: string; to: string }) => call('bookingReport', { query: r }),

    /**
     * Feedback and complaints (issue 22): the register, a case and its actions, a case's pictures (fetched with the
     * token, never a public address), the report, the register as XLSX, the settings; a case recorded for a citizen.
     */
    feedbackCases: (query: QueryIn<'feedbackCases'>) => call('feedbackCases', { query }),
    feedbackCase: (caseId: number) => call('feedbackCase', id(caseId)),
    classifyFeedback: (caseId: number, body: BodyIn<'feedbackClassify'>) =>
      call('feedbackClassify', { ...id(caseId), body }),
    assignFeedback: (caseId: number, assigneeId: number | null) =>
      call('feedbackAssign', { ...id(caseId), body: { assigneeId } }),
    forwardFeedback: (caseId: number, body: BodyIn<'feedbackForward'>) =>
      call('feedbackForward', { ...id(caseId), body }),
    answerFeedback: (caseId: number, body: BodyIn<'feedbackAnswer'>) =>
      call('feedbackAnswer', { ...id(caseId), body }),
    closeFeedback: (caseId: number, note: string | null) =>
      call('feedbackClose', { ...id(caseId), body: { note } }),
    feedbackPicture: (caseId: number, fileId: number) =>
      fetchFile(
        fillPath(ENDPOINTS.feedbackFile.path, { id: caseId, fileId }),
        `phan-anh-${caseId}-${fileId}`,
      ),
    feedbackReport: (r: { from: string; to: string }) => call('feedbackReport', { query: r }),
    feedbackRegisterFile: (r: { from: string; to: string }) =>
      file('feedbackRegister', r, feedbackRegisterFileName(r.from, r.to)),
    feedbackStaff: () => call('feedbackStaff'),
    feedbackSettings: () => call('feedbackSettings'),
    saveFeedbackSettings: (body: BodyIn<'setFeedbackSettings'>) => call('setFeedbackSettings', { body }),
    feedbackOptions: () => call('feedbackOptions', { query: {} }),
    recordFeedback: (body: BodyIn<'staffFeedback'>) => call('staffFeedback', { body }),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
