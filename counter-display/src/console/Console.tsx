import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FinishBody, PriorityGroup, Service } from '@layso/protocol';
import {
  ApiError,
  Banner,
  Bi,
  Button,
  createApi,
  errorText,
  format,
  useNow,
  type Bilingual,
  useStream,
} from '@layso/ui-kit';
import { ConnectionBadge } from '../shared/ConnectionBadge.js';
import { actionForKey, type Action } from './keys.js';
import { M } from './messages.js';
import { DossierCard, LookupBar } from './dossier-parts.js';
import { FEEDBACK_TEXT, FeedbackPanel, useFeedbackOptions } from './feedback-panel.js';
import { FinishPanel, PausePanel, TransferPanel } from './panels.js';
import { ActionButton, CurrentTicket, QueueList, ReceiptCard, type ReceivedDossier } from './parts.js';
import type { Session } from './session.js';
import { useCounter } from './useCounter.js';
import { useDossier } from './useDossier.js';

type PanelName = 'finish' | 'transfer' | 'pause' | 'feedback';
/** Refusals that mean this session no longer acts here: back to sign-in, saying why. */
const SIGNED_OUT = new Set(['LAYSO_UNAUTHENTICATED', 'LAYSO_WRONG_COUNTER']);

/**
 * The officer's working screen at a 1366×768 counter PC: the ticket at the counter with its actions on the
 * left, the queue on the right. Every action works by button and by one key; one action at a time (a double
 * click or a held key acts once); the server's refusals are shown in its own words.
 */
export function Console({
  session,
  onSignOut,
  onChangeCounter,
}: {
  session: Session;
  onSignOut: (notice: Bilingual | null) => void;
  onChangeCounter: () => void;
}) {
  const counterId = session.user.counterId as number;
  const api = useMemo(() => createApi({ token: session.token }), [session.token]);
  const { realtime } = useStream('/counter', session.token);

  const { queue, failure, status, refresh } = useCounter(api, counterId, realtime);
  const [services, setServices] = useState<Service[]>([]);
  const [groups, setGroups] = useState<PriorityGroup[]>([]);
  const [panel, setPanel] = useState<PanelName | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<Bilingual | null>(null);
  const [info, setInfo] = useState<Bilingual | null>(null);
  const [received, setReceived] = useState<ReceivedDossier | null>(null);
  // "Trả kết quả" of a dossier (the returns ticket's, or one looked up): the finish panel opens on it.
  const [finishWith, setFinishWith] = useState<{ outcome: 'returned'; code: string } | null>(null);
  const busyRef = useRef(false);
  const lookupRef = useRef<HTMLInputElement>(null);
  const now = useNow(30_000);

  // Loaded again on every (re)connect: a console opened while the server was down fills in by itself.
  useEffect(() => {
    if (status !== 'online') return;
    void api.services().then(setServices, () => undefined);
    void api.priorityGroups().then(setGroups, () => undefined);
  }, [api, status]);

  useEffect(() => {
    if (status === 'refused' || (failure && SIGNED_OUT.has(failure.code))) onSignOut(M.signedOut);
  }, [status, failure, onSignOut]);

  const feedback = useFeedbackOptions(api, status === 'online');
  const current = queue?.current ?? null;
  const dossiers = useDossier(api, current);
  const paused = queue?.counter.status === 'paused';
  const can: Record<Action, boolean> = {
    call: !!queue && !current && !paused,
    recall: current?.status === 'called' && current.recalls < (queue?.recallLimit ?? 0),
    start: current?.status === 'called',
    noShow: current?.status === 'called',
    transfer: !!current,
    finish: !!current,
    pause: !!queue,
    receipt: !!received,
    lookup: true,
  };

  /** Runs one action at a time; shows what happened or the server's refusal; always re-reads the counter. */
  const run = useCallback(
    async (action: Action, work: () => Promise<Bilingual | null>) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(action);
      setError(null);
      setInfo(null);
      try {
        setInfo(await work());
        setPanel(null);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError('LAYSO_NETWORK', '', 0);
        if (SIGNED_OUT.has(err.code)) return onSignOut(M.signedOut);
        setError(errorText(err.code, err.message));
      } finally {
        // The buttons and keys stay held until the counter is re-read: a second G right after a call must not
        // act on the state before it.
        await refresh();
        busyRef.current = false;
        setBusy(null);
      }
    },
    [onSignOut, refresh],
  );

  const act = useCallback(
    (a: Action) => {
      if (!can[a] || busyRef.current) return;
      const id = current?.id as number;
      switch (a) {
        case 'call':
          return void run(a, async () => ((await api.callNext(counterId)) ? null : M.noOneToCall));
        case 'recall':
          return void run(a, async () => (await api.recall(id), null));
        case 'start':
          return void run(a, async () => (await api.start(id), null));
        case 'noShow':
          return void run(a, async () => format(M.markedNoShow, { number: (await api.noShow(id)).number }));
        case 'receipt': {
          const dossier = received as ReceivedDossier;
          return void run(a, async () => {
            const printed = await api.printReceipt(dossier.ticketId);
            setReceived((d) => (d?.ticketId === dossier.ticketId ? { ...d, printed } : d));
            return null;
          });
        }
        case 'lookup':
          return lookupRef.current?.focus();
        case 'pause':
          if (paused) return void run(a, async () => (await api.pause(counterId, false), null));
          setError(null);
          return setPanel('pause');
        case 'finish': {
          // A returns ticket opens its return; any other ticket the usual outcomes.
          const code = dossiers.atCounter?.returnedAt === null ? dossiers.atCounter.code : null;
          setFinishWith(code ? { outcome: 'returned', code } : null);
          setError(null);
          return setPanel(a);
        }
        default:
          setError(null);
          return setPanel(a);
      }
    },
    // `can` and `current` change with the queue; the handler is rebuilt with them.
    [api, counterId, current, paused, run, can, received, dossiers.atCounter],
  );

  // A panel about the ticket at the counter closes when that ticket is gone (finished from another console,
  // released at the day's end), so the keys work again.
  useEffect(() => {
    if (!current && (panel === 'finish' || panel === 'transfer')) setPanel(null);
  }, [current, panel]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (panel || e.repeat) return;
      const a = actionForKey({
        key: e.key,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        target: e.target as HTMLElement | null,
      });
      if (a) {
        e.preventDefault();
        act(a);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, panel]);

  const counter = queue?.counter;
  const left = current ? (queue?.recallLimit ?? 0) - current.recalls : 0;
  const finish = (body: FinishBody) =>
    run('finish', async () => {
      const t = await api.finish(current!.id, body);
      // A received dossier's code (typed or generated) stays on screen with its receipt-slip button.
      setReceived(
        t.outcome === 'received' && t.dossierCode
          ? { ticketId: t.id, number: t.number, dossierCode: t.dossierCode, printed: null }
          : null,
      );
      // A dossier on screen that this finish changed (its return) is read again.
      if (dossiers.looked) void dossiers.lookUp(dossiers.looked.code);
      return t.dossierCode && t.outcome !== 'guidance'
        ? format(M.doneWithCode, { number: t.number, code: t.dossierCode })
        : format(M.done, { number: t.number });
    });
  const transfer = (serviceId: number, note: string | null) =>
    run('transfer', async () => {
      const t = await api.transfer(current!.id, serviceId, note);
      return format(M.transferred, { number: current!.number, to: t.number });
    });
  const returnResult = (code: string | undefined) => {
    if (!code || !current || busyRef.current) return;
    setFinishWith({ outcome: 'returned', code });
    setError(null);
    setPanel('finish');
  };
  const closePanel = () => {
    setPanel(null);
    setError(null);
  };

  return (
    <div className="cs-root">
      <ConnectionBadge status={status} />
      <header className="cs-bar">
        <div className="cs-bar-counter" data-testid="counter-name">
          {counter?.name ?? '…'}
        </div>
        <div className="cs-bar-officer">{session.user.displayName}</div>
        <LookupBar
          ref={lookupRef}
          busy={dossiers.busy}
          onLookup={(code) => void dossiers.lookUp(code)}
          onInvalid={dossiers.invalid}
        />
        <div className="cs-bar-actions">
          {/* Leaving the counter with a citizen at it would strand them: finish or transfer first. */}
          <Button variant="ghost" onClick={onChangeCounter} disabled={!!current} testId="change-counter">
            <Bi m={M.changeCounter} single />
          </Button>
          <Button
            variant="ghost"
            disabled={!!current}
            onClick={() => {
              void api.logout().catch(() => undefined);
              onSignOut(null);
            }}
            testId="sign-out"
          >
            <Bi m={M.signOut} single />
          </Button>
        </div>
      </header>
      <main className="cs-main">
        <div className="cs-work">
          {paused ? (
            <Banner
              tone="warning"
              title={{
                vi: `${M.paused.vi}${counter?.pauseReason ? `: ${counter.pauseReason}` : ''}`,
                en: M.paused.en,
              }}
              detail={M.pausedHint}
              testId="paused"
            />
          ) : null}
          {panel === 'finish' && current ? (
            <FinishPanel
              ticket={current}
              api={api}
              generated={queue?.dossierCodes === 'generated'}
              {...(finishWith ? { initial: finishWith } : {})}
              busy={busy === 'finish'}
              error={error}
              onCancel={closePanel}
              onFinish={(b) => void finish(b)}
            />
          ) : panel === 'transfer' && current ? (
            <TransferPanel
              ticket={current}
              services={services}
              busy={busy === 'transfer'}
              error={error}
              onCancel={closePanel}
              onTransfer={(s, n) => void transfer(s, n)}
            />
          ) : panel === 'feedback' && feedback ? (
            <FeedbackPanel
              api={api}
              counterId={counterId}
              ticket={current}
              options={feedback}
              onClose={closePanel}
            />
          ) : panel === 'pause' ? (
            <PausePanel
              busy={busy === 'pause'}
              error={error}
              onCancel={closePanel}
              onPause={(reason) =>
                void run('pause', async () => (await api.pause(counterId, true, reason), null))
              }
            />
          ) : (
            <>
              {dossiers.error ? (
                <Banner tone="danger" title={dossiers.error} testId="dossier-lookup-error" />
              ) : null}
              {dossiers.looked ? (
                <DossierCard
                  record={dossiers.looked}
                  returnTo={current?.number ?? null}
                  onReturn={() => returnResult(dossiers.looked?.code)}
                  onClose={dossiers.close}
                />
              ) : null}
              <CurrentTicket
                ticket={current}
                services={services}
                groups={groups}
                recallLimit={queue?.recallLimit ?? 0}
                now={now}
              />
              {dossiers.atCounter ? (
                <DossierCard
                  record={dossiers.atCounter}
                  returnTo={current?.number ?? null}
                  onReturn={() => returnResult(dossiers.atCounter?.code)}
                />
              ) : null}
              {error ? <Banner tone="danger" title={error} testId="action-error" /> : null}
              {info ? <Banner tone="info" title={info} testId="action-info" /> : null}
              {received ? <ReceiptCard dossier={received} busy={busy} onRun={act} /> : null}
              <div className="cs-actions">
                <ActionButton
                  action="call"
                  label={M.callNext}
                  variant="primary"
                  busy={busy}
                  enabled={can.call}
                  onRun={act}
                />
                <ActionButton
                  action="recall"
                  label={M.recall}
                  extra={current?.status === 'called' ? format(M.recallsLeft, { n: left }) : null}
                  busy={busy}
                  enabled={can.recall}
                  onRun={act}
                />
                <ActionButton action="start" label={M.start} busy={busy} enabled={can.start} onRun={act} />
                <ActionButton action="noShow" label={M.noShow} busy={busy} enabled={can.noShow} onRun={act} />
                <ActionButton
                  action="transfer"
                  label={M.transfer}
                  busy={busy}
                  enabled={can.transfer}
                  onRun={act}
                />
                <ActionButton
                  action="finish"
                  label={M.finish}
                  variant="primary"
                  busy={busy}
                  enabled={can.finish}
                  onRun={act}
                />
                <ActionButton
                  action="pause"
                  label={paused ? M.resume : M.pause}
                  variant="ghost"
                  busy={busy}
                  enabled={can.pause}
                  onRun={act}
                />
                {feedback?.enabled ? (
                  <Button
                    variant="ghost"
                    disabled={busy !== null}
                    onClick={() => {
                      setError(null);
                      setPanel('feedback');
                    }}
                    testId="feedback-record"
                    className="cs-action"
                  >
                    <Bi m={FEEDBACK_TEXT.record} single />
                  </Button>
                ) : null}
              </div>
              <p className="cs-shortcuts">
                <Bi m={M.shortcuts} single />
              </p>
            </>
          )}
        </div>
        {queue ? <QueueList queue={queue} services={services} groups={groups} now={now} /> : null}
      </main>
    </div>
  );
}
