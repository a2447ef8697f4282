/**
 * Method and path of the endpoints the citizen's phone page calls, without their schemas: the phone's lean build
 * imports this file (`@layso/protocol/phone-paths`) and never zod. The endpoint table's entries take their paths
 * from here, so there is one list.
 */
export const PHONE_PATHS = {
  track: { method: 'GET', path: '/api/track/:code' },
  ticketOnMyWay: { method: 'POST', path: '/api/public/tickets/:code/on-my-way' },
  ticketLeave: { method: 'POST', path: '/api/public/tickets/:code/leave' },
  pushKey: { method: 'GET', path: '/api/public/push-key' },
  pushSubscribe: { method: 'POST', path: '/api/public/tickets/:code/push' },
  pushUnsubscribe: { method: 'DELETE', path: '/api/public/tickets/:code/push' },
} as const;

/** A phone endpoint's path with its `:code` filled in (encoded). */
export function phonePath(name: keyof typeof PHONE_PATHS, code: string): string {
  return PHONE_PATHS[name].path.replace(':code', encodeURIComponent(code));
}
