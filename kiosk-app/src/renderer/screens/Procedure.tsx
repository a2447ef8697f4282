import type { ProcedureHit, Service } from '@layso/protocol';
import { Banner, Bi, Button, format } from '@layso/ui-kit';
import { Layout } from '../Layout.js';
import { M } from '../messages.js';

const REASON = { closed: M.closed, cap: M.cap, inactive: M.inactive } as const;

/** What the catalogue holds about a procedure, and the way to its service's number. */
export function Procedure({
  centerName,
  procedure,
  service,
  blocked,
  onTake,
  onBack,
  onHome,
}: {
  centerName: string;
  procedure: ProcedureHit;
  service: Service | undefined;
  blocked: boolean;
  onTake: () => void;
  onBack: () => void;
  onHome: () => void;
}) {
  const row = (label: { vi: string; en: string }, value: string | null | undefined) => (
    <div className="k-fact">
      <dt>
        <Bi m={label} />
      </dt>
      <dd>{value || `${M.notStated.vi} / ${M.notStated.en}`}</dd>
    </div>
  );
  return (
    <Layout centerName={centerName} onBack={onBack} onHome={onHome} testId="procedure">
      <h1 className="k-title k-title-procedure">{procedure.name}</h1>
      <dl className="k-facts">
        {row(M.procedureService, service?.name)}
        {row(M.procedureField, procedure.field)}
        {row(M.procedureTime, procedure.processingTime)}
        {row(M.procedureFee, procedure.fee)}
        {row(M.procedureAgency, procedure.agency)}
      </dl>
      {!service ? (
        <Banner tone="warning" title={M.procedureNoService} />
      ) : !service.issuing ? (
        <Banner tone="warning" title={REASON[service.notIssuingReason ?? 'closed']} />
      ) : (
        <Button size="huge" onClick={onTake} disabled={blocked} testId="procedure-take">
          <Bi m={format(M.takeNumberFor, { name: service.name })} />
        </Button>
      )}
    </Layout>
  );
}
