/**
 * Type tests of the REST client (checked by `npm run typecheck`, not run): calls are typed by the endpoint's
 * name — its params, query and body — and so is what they resolve to.
 */
import type { Ticket, Version } from '@layso/protocol';
import { createApi } from './api.js';

const api = createApi();

export async function calls(): Promise<void> {
  const v: Version = await api.call('version');
  const t: Ticket = await api.call('ticket', { params: { id: 1 } });
  // A 204 resolves to null.
  const nobody: { ticket: Ticket } | null = await api.call('callNext', { params: { id: 2 } });
  // @ts-expect-error null is one of the answers of call-next
  const always: { ticket: Ticket } = await api.call('callNext', { params: { id: 2 } });

  // @ts-expect-error the ticket's id is needed
  await api.call('ticket');
  // @ts-expect-error a wrong body
  await api.call('issueTicket', { body: { serviceId: 'two' } });
  // @ts-expect-error the health check takes no body
  await api.call('health', { body: {} });
  // @ts-expect-error an endpoint the table does not have
  await api.call('deleteEverything');
  // @ts-expect-error the reply is a ticket, not a service list
  const wrong: string[] = await api.call('ticket', { params: { id: 1 } });
  void [v, t, nobody, always, wrong];
}
