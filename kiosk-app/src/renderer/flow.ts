import type { IssueTicketInput, ProcedureHit } from '@layso/protocol';

/** What the citizen chose so far; forgotten on every return to the welcome screen. */
export interface Draft {
  serviceId: number;
  procedure: ProcedureHit | null;
  priority: string | null;
  intake: { fullName?: string; phone?: string; idNumber?: string; birthYear?: number } | null;
}

export type Step =
  | { kind: 'welcome' }
  | { kind: 'search' }
  | { kind: 'procedures'; serviceId: number }
  | { kind: 'procedure'; procedure: ProcedureHit; back: Step }
  | { kind: 'confirm' }
  | { kind: 'priority' }
  | { kind: 'intake' }
  | { kind: 'ticket' };

/** The body of `POST /api/tickets` for a draft: optional parts only when the citizen gave them. */
export function issueBody(d: Draft): IssueTicketInput {
  const body: IssueTicketInput = { serviceId: d.serviceId };
  if (d.priority) body.priority = d.priority;
  if (d.procedure && d.procedure.serviceId === d.serviceId) body.procedureId = d.procedure.id;
  if (d.intake && Object.values(d.intake).some((v) => v !== undefined && v !== '')) {
    body.intake = { consent: true, ...d.intake };
  }
  return body;
}

export const PHONE = /^(0|\+84)(3|5|7|8|9)\d{8}$/;
export const ID_NUMBER = /^\d{12}$/;
export const NAME = /^[\p{L}][\p{L} .'-]*$/u;
