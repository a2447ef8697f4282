import type { PublicTicket } from '@layso/protocol';
import { Bi } from '@layso/ui-kit/components';
import { DOSSIER_STATE_TITLE, DOSSIER_TEXT as D, withDate } from '@layso/ui-kit/dossier-text';
import { T } from './texts.js';

/**
 * The dossier a ticket is linked to, under its number: its state in the words the kiosk and `/h/` use, and its
 * appointment while the result is not ready (the register's, as the server's ticket view carries it).
 */
export function DossierState({ dossier: d }: { dossier: NonNullable<PublicTicket['dossier']> }) {
  const date =
    d.appointmentAt && d.state === 'in_progress'
      ? withDate(D.comeBack, d.appointmentAt)
      : d.appointmentAt && d.state === 'overdue'
        ? withDate(D.overdueText, d.appointmentAt)
        : null;
  return (
    <div
      className={`ph-dossier${d.ready ? ' ph-dossier-ready' : ''}`}
      data-testid="phone-dossier"
      data-state={d.state}
    >
      <Bi m={T.dossier} className="ph-dossier-label" />
      <Bi m={DOSSIER_STATE_TITLE[d.state]} className="ph-dossier-state" />
      {date ? <Bi m={date} /> : null}
    </div>
  );
}
