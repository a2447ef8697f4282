import type { ReactNode } from 'react';
import type { PriorityGroup, Service } from '@layso/protocol';
import { Bi, Button, format, Icon, waitText } from '@layso/ui-kit';
import type { Draft } from '../flow.js';
import { Layout } from '../Layout.js';
import { M } from '../messages.js';

/**
 * The second and last tap: one huge button takes the number. Priority, personal details and the service's
 * procedure list are there for those who want them, below it and marked optional.
 */
export function Confirm({
  centerName,
  service,
  draft,
  groups,
  banner,
  screenOnly,
  blocked,
  busy,
  onTake,
  onPriority,
  onIntake,
  onProcedures,
  onBack,
  onHome,
}: {
  centerName: string;
  service: Service;
  draft: Draft;
  groups: PriorityGroup[];
  banner: ReactNode;
  screenOnly: boolean;
  /** No numbers at all now (printer fault while the center stops issuing). */
  blocked: boolean;
  busy: boolean;
  onTake: () => void;
  onPriority: () => void;
  onIntake: () => void;
  onProcedures: () => void;
  onBack: () => void;
  onHome: () => void;
}) {
  const group = groups.find((g) => g.code === draft.priority);
  return (
    <Layout centerName={centerName} onBack={onBack} onHome={onHome} testId="confirm">
      {banner}
      <h1 className="k-title k-title-service">
        <Bi m={{ vi: service.name, en: service.nameEn ?? service.name }} />
      </h1>
      <p className="k-live">
        <Bi m={format(M.waitingCount, { n: service.waiting })} />
        <Bi m={waitText(service.estimatedWaitMinutes)} />
      </p>
      {draft.procedure ? (
        <p className="k-chosen" data-testid="chosen-procedure">
          <Bi m={format(M.procedureChosen, { name: draft.procedure.name })} />
        </p>
      ) : null}
      <Button size="huge" onClick={onTake} busy={busy} disabled={!service.issuing || blocked} testId="take">
        <Icon name="ticket" size="1.2em" />
        <Bi m={screenOnly ? M.takeNumberScreen : M.takeNumber} />
      </Button>
      <section className="k-optional" aria-labelledby="optional">
        <h2 id="optional">
          <Bi m={M.optionalTitle} />
        </h2>
        {groups.length > 0 ? (
          <Button variant="secondary" size="large" onClick={onPriority} testId="priority-open">
            <Bi m={group ? format(M.prioritySelected, { name: group.name }) : M.priorityButton} />
          </Button>
        ) : null}
        <Button variant="secondary" size="large" onClick={onIntake} testId="intake-open">
          <Bi m={draft.intake ? M.intakeDone : M.intakeButton} />
        </Button>
        {service.procedureCount > 0 ? (
          <Button variant="secondary" size="large" onClick={onProcedures} testId="procedures-open">
            <Bi m={M.proceduresButton} />
          </Button>
        ) : null}
      </section>
    </Layout>
  );
}
