// @layso/ui-kit — what every screen shares: the REST and realtime clients, the bilingual message catalogue,
// design tokens (tokens.css), base components and the staff sign-in (sign-in.css). It imports only protocol, react and socket.io-client.
export { ApiError, createApi, type Api, type ApiOptions, type ProcedureQuery } from './api.js';
export { createAdminApi, type AdminApi, type DossierListFilter, type ReportRange } from './admin-api.js';
export {
  RealtimeClient,
  applyEvent,
  followLink,
  type ConnectionStatus,
  type RealtimeOptions,
  type RealtimeState,
} from './realtime.js';
export {
  COMMON,
  CONNECTION,
  NETWORK_ERROR,
  defineMessages,
  errorText,
  format,
  waitText,
  type Bilingual,
  type Catalogue,
  type Language,
} from './i18n.js';
export {
  DATE_PROBLEMS,
  TIME_PROBLEMS,
  formatClock,
  formatDate,
  formatDateTime,
  formatTime,
  parseDate,
  parseTime,
  splitVietnamDateTime,
  vietnamDateTime,
  vietnamDay,
  vietnamParts,
  type Parsed,
} from './datetime.js';
export { DOSSIER_TEXT, answerView, updatedText, type AnswerTone, type AnswerView } from './dossier.js';
export { DateAndTimeField, DateField, TimeField, type DateTimeFieldProps } from './datetime-fields.js';
export { forgetDeviceToken, takeDeviceToken } from './device.js';
export { tabSession } from './session.js';
export { SIGN_IN, SignIn, SignInForm } from './sign-in.js';
export { createHubApi, type HubApi, type HubReportRange } from './hub-api.js';
export { HubLiveClient, withRow, type HubLiveOptions, type HubLiveState } from './hub-live.js';
export { Icon, type IconName } from './icons.js';
export { useCountdown, useFloor, useIdle, useNow, useRealtime, useStream } from './hooks.js';
export { FloorClient, type FloorClientOptions, type FloorFollowState } from './floor.js';
export {
  Banner,
  Bi,
  Button,
  LanguageProvider,
  QrCode,
  Spinner,
  StatusScreen,
  useLanguage,
  type ButtonProps,
} from './components.js';
export { Problem, percent, problemOf, saveFile, useAction, useLoad } from './actions.js';
export { AnnounceFields, PriorityGroupRows, SETTINGS_TEXT, type FieldFrame } from './settings-fields.js';
export type { DownloadedFile } from './rest.js';
export {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_FORWARD_MEANS_LABELS,
  FEEDBACK_ORIGIN_LABELS,
  FEEDBACK_PERSONAL,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_TOPIC_HINTS,
  FEEDBACK_TOPIC_LABELS,
  FEEDBACK_TOPICS,
  FEEDBACK_UNSET,
  feedbackNoNotice,
} from './feedback/labels.js';
export { FeedbackTopicPicker } from './feedback/TopicPicker.js';
export {
  feedbackCodeShown,
  feedbackFields,
  feedbackLength,
  feedbackTextOk,
  type FeedbackDraft,
  type FeedbackFields,
} from './feedback/fields.js';
