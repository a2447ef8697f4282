import {
  NoticeDeliveryQuery,
  NoticeRetryBody,
  NoticeRetryReply,
  NoticeSettings,
  NoticeSettingsInput,
  NoticeSummary,
} from '../notices.js';
import { WHO, type EndpointDef } from './define.js';

/**
 * Notices to citizens, the admin's side (issue 19): channels with their credentials (write-only, read masked),
 * templates per event checked against the parameters each event declares, quiet hours, "N ahead" per service; the
 * deliveries by channel and event with this month's count per channel, and retrying dead letters (audited).
 */
export const NOTICE_ADMIN_ENDPOINTS = {
  noticeSettings: {
    method: 'GET',
    path: '/api/admin/notices/settings',
    summary: 'Notice channels (credentials masked), templates, quiet hours and "N ahead" per service',
    tag: 'admin',
    who: WHO.supervisors,
    reply: { 200: NoticeSettings },
    errors: [],
  },
  saveNoticeSettings: {
    method: 'PUT',
    path: '/api/admin/notices/settings',
    summary: 'Change notice settings; a credential left out is kept, null clears it',
    tag: 'admin',
    who: WHO.admins,
    body: NoticeSettingsInput,
    reply: { 200: NoticeSettings },
    errors: [
      'LAYSO_NOTICE_TEMPLATE_INVALID',
      'LAYSO_NOTICE_CHANNEL_INCOMPLETE',
      'LAYSO_NOTICE_CREDENTIAL_REQUIRED',
      'LAYSO_NOTICE_PROVIDER_URL_REFUSED',
      'LAYSO_SERVICE_NOT_FOUND',
    ],
  },
  noticeDeliveries: {
    method: 'GET',
    path: '/api/admin/notices/deliveries',
    summary:
      'Notices sent, failed, dead and dropped by channel and event; this month per channel; recent ones',
    tag: 'admin',
    who: WHO.supervisors,
    query: NoticeDeliveryQuery,
    reply: { 200: NoticeSummary },
    errors: ['LAYSO_REPORT_RANGE_INVALID'],
  },
  retryNotices: {
    method: 'POST',
    path: '/api/admin/notices/retry',
    summary: 'Send dead notices again (those given, or every dead one of a channel, or all); audited',
    tag: 'admin',
    who: WHO.admins,
    body: NoticeRetryBody,
    reply: { 200: NoticeRetryReply },
    errors: [],
  },
} as const satisfies Record<string, EndpointDef>;
