/**
 * What the server's log may say of a request. A ticket's tracking code is a capability (it follows the ticket, says
 * "on my way", releases it) and rides in the phone's paths (`/t/:code`, `/t/:code/qr.svg`, `/api/track/:code`,
 * `/api/public/tickets/:code/…`), and so is a booking's code (its page `/b/:code`, its QR, cancel and move under
 * `/api/public/bookings/:code`), and so is a feedback case's code (its page `/pa/:code`, its status and lookup under
 * `/api/public/feedback/:code`, the kiosk's reprint `/api/kiosk/feedback/:code/print`) and the ticket's code the
 * feedback form and its QR are opened with (`/pa?t=…`, `/pa/qr.svg?t=…` after every "Không hài lòng"): a log line keeps
 * its first 2 characters, enough to tell two requests apart, never enough to act. A case's text, name and phone go in
 * request bodies, which are never logged. The Socket.IO handshake's `auth` (tokens, codes) is in no request line, and
 * nothing logs it.
 */
const CODE_IN_PATH =
  /^(\/t\/|\/api\/track\/|\/api\/public\/tickets\/|\/b\/|\/api\/public\/bookings\/|\/pa\/(?!(?:poster|qr\.svg)(?:[/?#]|$))|\/api\/public\/feedback\/(?!options(?:[/?#]|$))|\/api\/kiosk\/feedback\/)([^/?#]+)/;
/** The ticket's code in the feedback form's query (`/pa?t=…`, `/pa/qr.svg?t=…`, `/api/public/feedback/options?t=…`). */
const TICKET_IN_FEEDBACK_QUERY =
  /^(\/pa|\/pa\/qr\.svg|\/api\/public\/feedback\/options)(\/?\?(?:[^#]*&)?t=)([^&#]+)/;

const cut = (code: string) => `${code.slice(0, 2)}…`;

/** `url` with the tracking, booking or feedback code of a phone path cut to its first 2 characters + "…". */
export function maskTrackingCode(url: string): string {
  return url
    .replace(CODE_IN_PATH, (_all, prefix: string, code: string) => `${prefix}${cut(code)}`)
    .replace(
      TICKET_IN_FEEDBACK_QUERY,
      (_all, path: string, query: string, code: string) => `${path}${query}${cut(code)}`,
    );
}

/** A request as Fastify or Node gives it: only what the log line keeps. */
interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
}

/** pino serializers for the server's logger: `req` without the tracking code (headers are never logged). */
export const LOG_SERIALIZERS = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: req.url === undefined ? undefined : maskTrackingCode(req.url),
    remoteAddress: req.ip,
  }),
};
