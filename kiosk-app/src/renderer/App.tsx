import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Ticket } from '@layso/protocol';
import {
  ApiError,
  DOSSIER_TEXT as D,
  forgetDeviceToken,
  useIdle,
  useRealtime,
  StatusScreen,
} from '@layso/ui-kit';
import { printInTurn, printTicket, type KioskEnv } from './env.js';
import { Banners } from './Layout.js';
import {
  WELCOME,
  afterLookupLimit,
  flow,
  intakeFrom,
  issueBody,
  liveServices,
  resetsWhenIdle,
  type Draft,
  type Shown,
} from './flow.js';
import { M, refusalText } from './messages.js';
import { CheckInAnswerScreen, CheckInScreen } from './screens/CheckIn.js';
import { Confirm } from './screens/Confirm.js';
import { DossierAnswerScreen, DossierCodeScreen, DossierProofScreen } from './screens/Dossier.js';
import { IntakeForm } from './screens/Intake.js';
import { Priority } from './screens/Priority.js';
import { Procedure } from './screens/Procedure.js';
import { Search } from './screens/Search.js';
import { TicketView } from './screens/TicketView.js';
import { Welcome } from './screens/Welcome.js';
import { useScans } from './scans.js';
import { useCenter } from './center-hook.js';
import { useCheckIn } from './check-in-hook.js';
import { KioskFeedback } from './feedback/KioskFeedback.js';

export function App({ env }: { env: KioskEnv }) {
  const rt = useRealtime(env.realtime);
  // Which screen shows and what the citizen chose: the transitions are flow.ts's (a pure reducer).
  const [state, dispatch] = useReducer(flow, WELCOME);
  const { step, draft, issued, refusal, scan, notice, dossier, checkIn } = state;
  const [busy, setBusy] = useState(false);
  const inflight = useRef(false);
  /** The last print asked for (printTicket never rejects): prints go one after another. */
  const printQueue = useRef<Promise<boolean>>(Promise.resolve(true));

  useEffect(() => {
    env.realtime.start();
    return () => env.realtime.stop();
  }, [env]);

  const online = rt.status === 'online';
  const { settings, services, groups, feedback, networkDown, setNetworkDown, printerState, fault } =
    useCenter(env, rt);
  // The states the kiosk acts on, readable by staff tools and tests (never shown to the citizen as words).
  useEffect(() => {
    document.documentElement.dataset.printer = printerState ?? 'unknown';
    document.documentElement.dataset.connection = rt.status;
  }, [printerState, rt.status]);
  const stopMode = fault !== null && settings?.printerFaultMode === 'stop';
  const list = useMemo(() => liveServices(services, rt.snapshot?.services), [services, rt.snapshot]);
  const service = draft ? list.find((s) => s.id === draft.serviceId) : undefined;
  const centerName = settings?.centerName ?? '';

  const home = useCallback(() => dispatch({ type: 'home' }), []);
  // A token the server refuses (revoked, or a new database) is forgotten: the kiosk asks to be paired again.
  useEffect(() => {
    if (rt.status === 'refused') forgetDeviceToken('kiosk');
  }, [rt.status]);
  // A kiosk that lost the server forgets a half-made choice and starts afresh when the server is back; a
  // number already given stays on screen (it may be the citizen's only record when nothing printed).
  const showingTicket = step.kind === 'ticket';
  useEffect(() => {
    if (!online && !showingTicket) home();
  }, [online, showingTicket, home]);
  const idleSeconds = env.idleSeconds ?? settings?.idleSeconds ?? 60;
  useIdle(idleSeconds, home, resetsWhenIdle(state));

  const {
    checkInWith,
    onCard: checkInCard,
    onBookingCode,
  } = useCheckIn({
    env,
    step,
    dispatch,
    inflight,
    give: (get) => give(get),
  });
  useScans(env, {
    // On the proof step a CCCD is the proof: its number's last 4 digits, used once and not kept. On the check-in
    // screen it finds its holder's booking of today; elsewhere it fills in the details.
    onCard: (card) => {
      if (step.kind === 'dossier-proof' && dossier) void lookUp(dossier.code, card.idNumber.slice(-4));
      else if (!checkInCard(card)) dispatch({ type: 'card', card, at: Date.now() });
    },
    onDossierCode: (code) => dispatch({ type: 'dossier-code', code }),
    onBookingCode,
  });

  /** A request the server refused, in the citizen's words; a lost server sends the kiosk home. */
  const refused = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'LAYSO_NETWORK') {
      // Nothing is kept to send later: the citizen is told, and the kiosk starts afresh when it is back.
      setNetworkDown(true);
      home();
    } else {
      const reason = e instanceof ApiError ? refusalText(e.code, e.message) : refusalText('LAYSO_INTERNAL');
      dispatch({ type: 'refused', reason });
    }
  };

  // The province may be slow: the server answers within its budget from the register, so this waits at most
  // that long; the digits are never kept after the answer.
  const lookUp = async (code: string, proof: string) => {
    if (inflight.current) return;
    inflight.current = true;
    setBusy(true);
    dispatch({ type: 'request' });
    try {
      const answer = await env.api.call('kioskDossierLookup', { body: { code, proof } });
      dispatch({ type: 'dossier-answer', answer });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'LAYSO_DOSSIER_LOOKUP_LIMIT') {
        dispatch({ type: 'dossier-limited', reason: D.tooMany });
      } else refused(e);
    } finally {
      inflight.current = false;
      setBusy(false);
    }
  };

  /**
   * Gets a number from the server and gives it the way every number is given: on screen at once, then on paper
   * (or on screen only while the printer cannot print). `get` answers null when the server gave no number (a
   * check-in too early or too late: it has said so itself).
   */
  const give = async (get: () => Promise<Ticket | null>) => {
    if (inflight.current || stopMode) return;
    inflight.current = true;
    setBusy(true);
    dispatch({ type: 'request' });
    const screenOnly = fault !== null;
    let ticket: Ticket | null;
    let priorityName: string | null = null;
    try {
      ticket = await get();
      if (!ticket) return;
      const priority = ticket.priority;
      priorityName = groups.find((g) => g.code === priority)?.name ?? null;
      dispatch({
        type: 'issued',
        issued: { ticket, print: screenOnly ? 'screen-only' : 'printing', priorityName },
      });
    } catch (e) {
      refused(e);
      return;
    } finally {
      // The number is on screen: the lock against a double tap is done. A citizen who presses "Xong" before the
      // paper is out must not leave the next one's tap unanswered while the printer finishes.
      inflight.current = false;
      setBusy(false);
    }
    if (!screenOnly) {
      const printed = ticket;
      const ok = await printInTurn(printQueue, () => printTicket(env, printed, priorityName));
      dispatch({ type: 'printed', ticketId: printed.id, ok });
    }
  };

  const take = (d: Draft | null = draft) => {
    if (d) void give(() => env.api.issueTicket(issueBody(d)));
  };

  if (rt.status === 'refused') {
    return <StatusScreen title={M.pairTitle} text={M.pairRefused} testId="pairing" />;
  }
  if ((rt.status !== 'online' || networkDown) && !(showingTicket && issued)) {
    if (rt.snapshot === null && rt.status === 'connecting')
      return <StatusScreen title={M.starting} testId="starting" waiting={M.connecting} />;
    return (
      <StatusScreen
        title={M.outOfServiceTitle}
        text={M.outOfServiceText}
        testId="out-of-service"
        waiting={M.connecting}
      />
    );
  }
  if (!settings) return <StatusScreen title={M.starting} testId="starting" waiting={M.connecting} />;

  const banner = <Banners fault={fault} stopMode={stopMode} refusal={refusal} notice={notice} />;
  const show = (to: Shown) => () => dispatch({ type: 'show', step: to });
  const common = { centerName, onHome: home };

  switch (step.kind) {
    case 'welcome':
      return (
        <Welcome
          centerName={centerName}
          services={list}
          banner={banner}
          blocked={stopMode}
          onService={(serviceId) => dispatch({ type: 'choose', serviceId })}
          onSearch={show({ kind: 'search' })}
          onDossier={show({ kind: 'dossier-code' })}
          onCheckIn={show({ kind: 'check-in' })}
          onFeedback={feedback?.enabled ? show({ kind: 'feedback' }) : null}
        />
      );
    case 'feedback':
      return feedback ? (
        <KioskFeedback
          {...common}
          env={env}
          options={feedback}
          idleSeconds={idleSeconds}
          printerOut={fault !== null}
          printQueue={printQueue}
        />
      ) : null;
    case 'check-in':
      return (
        <CheckInScreen
          key={checkIn?.code ?? ''}
          {...common}
          initial={checkIn?.code ?? ''}
          banner={banner}
          busy={busy}
          blocked={stopMode}
          onCode={(code) => checkInWith({ code })}
        />
      );
    case 'check-in-answer': {
      const answer = checkIn?.answer;
      if (!answer) return null;
      return (
        <CheckInAnswerScreen
          {...common}
          answer={answer}
          banner={banner}
          screenOnly={fault !== null}
          blocked={stopMode}
          busy={busy}
          onTicket={(serviceId) => take({ serviceId, procedure: null, priority: null, intake: null })}
        />
      );
    }
    case 'dossier-code':
      return <DossierCodeScreen {...common} onCode={(code) => dispatch({ type: 'dossier-code', code })} />;
    case 'dossier-proof': {
      if (!dossier) return null;
      const instead = afterLookupLimit(settings.returnsServiceId, list);
      return (
        <DossierProofScreen
          key={dossier.code}
          {...common}
          code={dossier.code}
          busy={busy}
          refusal={refusal}
          limited={
            dossier.limited
              ? {
                  label: instead.type === 'choose' ? M.lookupLimitedTicket : M.lookupLimitedServices,
                  onTake: () => dispatch(instead),
                }
              : null
          }
          onBack={show({ kind: 'dossier-code' })}
          onProof={(proof) => void lookUp(dossier.code, proof)}
        />
      );
    }
    case 'dossier-answer': {
      const answer = dossier?.answer;
      if (!answer) return null;
      return (
        <DossierAnswerScreen
          {...common}
          answer={answer}
          now={new Date()}
          banner={banner}
          screenOnly={fault !== null}
          blocked={stopMode}
          busy={busy}
          onTicket={(serviceId) =>
            take({ serviceId, procedure: null, priority: null, intake: null, dossierCode: answer.code })
          }
          onRetry={() => dispatch({ type: 'dossier-retry' })}
        />
      );
    }
    case 'search':
      return (
        <Search
          {...common}
          api={env.api}
          services={list}
          onPick={(p) => dispatch({ type: 'show', step: { kind: 'procedure', procedure: p, back: step } })}
          onBack={home}
        />
      );
    case 'procedures':
      return (
        <Search
          {...common}
          api={env.api}
          services={list}
          serviceId={step.serviceId}
          onPick={(p) => dispatch({ type: 'show', step: { kind: 'procedure', procedure: p, back: step } })}
          onBack={show({ kind: 'confirm' })}
        />
      );
    case 'procedure': {
      const target = list.find((s) => s.id === step.procedure.serviceId);
      return (
        <Procedure
          {...common}
          procedure={step.procedure}
          service={target}
          blocked={stopMode}
          onTake={() => {
            if (target) dispatch({ type: 'take-procedure', procedure: step.procedure });
          }}
          onBack={show(step.back)}
        />
      );
    }
    case 'confirm':
      if (!draft || !service) return null;
      return (
        <Confirm
          {...common}
          service={service}
          draft={draft}
          groups={groups}
          banner={banner}
          screenOnly={fault !== null}
          blocked={stopMode}
          busy={busy}
          onTake={() => take()}
          onPriority={show({ kind: 'priority' })}
          onIntake={show({ kind: 'intake' })}
          onProcedures={show({ kind: 'procedures', serviceId: draft.serviceId })}
          onBack={home}
        />
      );
    case 'priority':
      if (!draft) return null;
      return (
        <Priority
          {...common}
          groups={groups}
          selected={draft.priority}
          onPick={(code) => dispatch({ type: 'priority', code })}
          onBack={show({ kind: 'confirm' })}
        />
      );
    case 'intake': {
      if (!draft) return null;
      const scanned = scan ? intakeFrom(scan.card) : null;
      return (
        <IntakeForm
          key={scan?.at ?? 0}
          {...common}
          initial={scanned ? { ...draft.intake, ...scanned } : draft.intake}
          scanned={scanned !== null}
          consented={draft.intake !== null}
          retentionDays={settings.intakeRetentionDays}
          textNotices={settings.textNotices}
          onSave={(intake) => dispatch({ type: 'intake', intake })}
          onClear={() => dispatch({ type: 'intake', intake: null })}
          onBack={() => dispatch({ type: 'intake-back' })}
        />
      );
    }
    case 'ticket':
      if (!issued) return null;
      return (
        <TicketView
          centerName={centerName}
          ticket={issued.ticket}
          priorityName={issued.priorityName}
          print={issued.print}
          onDone={home}
        />
      );
  }
}
