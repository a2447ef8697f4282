import { fillPath } from './define.js';

/**
 * Method and path of the endpoints the citizen's phone page calls, without their schemas: the phone's lean build
 * imports this file (`@layso/protocol/phone-paths`) and never zod (define.ts, whose `fillPath` it shares, imports
 * zod's types only). The endpoint table's entries take their paths from here, so there is one list; ui-kit's
 * `createPhoneApi` calls them by name, typed by the table.
 */
export const PHONE_PATHS = {
  track: { method: 'GET', path: '/api/track/:code' },
  ticketOnMyWay: { method: 'POST', path: '/api/public/tickets/:code/on-my-way' },
  ticketLeave: { method: 'POST', path: '/api/public/tickets/:code/leave' },
  pushKey: { method: 'GET', path: '/api/public/push-key' },
  pushSubscribe: { method: 'POST', path: '/api/public/tickets/:code/push' },
  pushUnsubscribe: { method: 'DELETE', path: '/api/public/tickets/:code/push' },
  // The booking page /dat-lich and a booking's page /b/:code (issue 21).
  procedures: { method: 'GET', path: '/api/procedures' },
  bookingOptions: { method: 'GET', path: '/api/public/booking/options' },
  bookingDays: { method: 'GET', path: '/api/public/booking/days' },
  bookingSlots: { method: 'GET', path: '/api/public/booking/slots' },
  bookingOtp: { method: 'POST', path: '/api/public/booking/otp' },
  bookingVerify: { method: 'POST', path: '/api/public/booking/verify' },
  bookingCreate: { method: 'POST', path: '/api/public/bookings' },
  booking: { method: 'GET', path: '/api/public/bookings/:code' },
  bookingCancel: { method: 'POST', path: '/api/public/bookings/:code/cancel' },
  bookingMove: { method: 'POST', path: '/api/public/bookings/:code/move' },
  // The feedback form /pa and a case's page /pa/:code (issue 22).
  feedbackOptions: { method: 'GET', path: '/api/public/feedback/options' },
  feedbackCreate: { method: 'POST', path: '/api/public/feedback' },
  feedbackStatus: { method: 'GET', path: '/api/public/feedback/:code' },
  feedbackLookup: { method: 'POST', path: '/api/public/feedback/:code/lookup' },
} as const;

export type PhoneEndpointName = keyof typeof PHONE_PATHS;

export { fillPath };
