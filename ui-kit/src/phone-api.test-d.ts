/**
 * Type tests of the phone's REST client (checked by `npm run typecheck`, not run): typed by the endpoint table.
 */
import type { PublicTicket } from '@layso/protocol';
import { createPhoneApi } from './phone-api.js';

const api = createPhoneApi();

export async function phoneCalls(): Promise<void> {
  const t: PublicTicket = await api.callPath('ticketLeave', { params: { code: 'abcdef' } });
  const key: { publicKey: string; enabled: boolean } = await api.callPath('pushKey');
  // @ts-expect-error the ticket's code is needed
  await api.callPath('ticketOnMyWay');
  // @ts-expect-error the subscription needs its keys and the consent's version
  await api.callPath('pushSubscribe', { params: { code: 'abcdef' }, body: { endpoint: 'https://x' } });
  // @ts-expect-error not a phone endpoint: the phone build carries no other path
  await api.callPath('callNext', { params: { id: 1 } });
  void [t, key];
}
