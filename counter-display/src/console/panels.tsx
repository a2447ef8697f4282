import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  DOSSIER_CODE_PROBLEMS,
  parseDossierCode,
  type FinishBody,
  type ProcedureHit,
  type Service,
  type Ticket,
} from '@layso/protocol';
import {
  Banner,
  Bi,
  Button,
  DateAndTimeField,
  format,
  vietnamDay,
  type Api,
  type Bilingual,
} from '@layso/ui-kit';
import { EMPTY_RETURN, ownerFrom, returnDetailsFrom, type ReturnForm } from './dossier.js';
import { ReturnFields } from './dossier-parts.js';
import { M, PAUSE_REASONS } from './messages.js';

/** A panel over the console's left side; Esc or "Huỷ" closes it, focus starts in its first field. */
export function Panel({
  title,
  onCancel,
  onSubmit,
  submit,
  busy,
  error,
  children,
  testId,
}: {
  title: Bilingual;
  onCancel: () => void;
  onSubmit: () => void;
  submit: Bilingual;
  busy: boolean;
  error: Bilingual | null;
  children: ReactNode;
  testId: string;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <form
      className="cs-panel"
      data-testid={testId}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!busy) onSubmit();
      }}
      noValidate
    >
      <h2>
        <Bi m={title} single />
      </h2>
      {children}
      {error ? <Banner tone="danger" title={error} testId={`${testId}-error`} /> : null}
      <div className="cs-panel-foot">
        <Button variant="ghost" onClick={onCancel}>
          <Bi m={M.cancel} single />
        </Button>
        <Button type="submit" busy={busy} testId={`${testId}-submit`}>
          <Bi m={submit} single />
        </Button>
      </div>
    </form>
  );
}

export function FinishPanel({
  ticket,
  api,
  generated,
  initial,
  busy,
  error,
  onCancel,
  onFinish,
}: {
  ticket: Ticket;
  api: Api;
  /** The center generates dossier codes: a received dossier may be finished without one. */
  generated: boolean;
  /** A returns ticket, or "Trả kết quả" from a dossier looked up: the outcome and the code to start with. */
  initial?: { outcome: FinishBody['outcome']; code: string };
  busy: boolean;
  error: Bilingual | null;
  onCancel: () => void;
  onFinish: (body: FinishBody) => void;
}) {
  const [outcome, setOutcome] = useState<FinishBody['outcome']>(initial?.outcome ?? 'received');
  const [code, setCode] = useState(initial?.code ?? '');
  const [owner, setOwner] = useState('');
  const [ret, setRet] = useState<ReturnForm>(EMPTY_RETURN);
  // What is wrong with the owner's number or the return's details (kept apart from the code field's `invalid`).
  const [problem, setProblem] = useState<Bilingual | null>(null);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<ProcedureHit[]>([]);
  const [procedure, setProcedure] = useState<{ id: number; name: string } | null>(null);
  // The instant at +07:00 ('' for none); null while the date or time typed is not valid (the field says why).
  const [appointment, setAppointment] = useState<string | null>('');
  const [invalid, setInvalid] = useState<Bilingual | null>(null);
  // Kept apart from `invalid`, which marks the dossier code field.
  const [badAppointment, setBadAppointment] = useState(false);
  const optional = generated && outcome === 'received';

  useEffect(() => {
    if (outcome !== 'received' || q.trim().length < 2) return setHits([]);
    let live = true;
    api.procedures({ q, serviceId: ticket.serviceId, limit: 6 }).then(
      (h) => live && setHits(h),
      () => live && setHits([]),
    );
    return () => {
      live = false;
    };
  }, [api, q, outcome, ticket.serviceId]);

  const submit = () => {
    if (outcome === 'guidance') return onFinish({ outcome });
    const refused = outcome === 'received' && appointment === null;
    setBadAppointment(refused);
    if (refused) return;
    setProblem(null);
    let details: Omit<NonNullable<FinishBody['dossier']>, 'code'>;
    if (outcome === 'received') {
      const o = ownerFrom(owner);
      if (!o.ok) return setProblem(o.problem);
      details = {
        procedureId: procedure?.id ?? null,
        appointmentAt: appointment || null,
        ...(o.value ? { owner: o.value } : {}),
      };
    } else {
      const r = returnDetailsFrom(ret);
      if (!r.ok) return setProblem(r.problem);
      details = { return: r.value };
    }
    // Left empty where the center generates codes: the server gives the next one.
    if (optional && code.trim() === '') {
      setInvalid(null);
      return onFinish({ outcome, dossier: details });
    }
    // A scanner may add spaces or a newline around the code, or send a lower-case h; the server reads it the same.
    const parsed = parseDossierCode(code);
    if (!parsed.ok) return setInvalid(DOSSIER_CODE_PROBLEMS[parsed.problem]);
    setInvalid(null);
    onFinish({ outcome, dossier: { code: parsed.value.code, ...details } });
  };

  return (
    <Panel
      title={format(M.finishTitle, { number: ticket.number })}
      onCancel={onCancel}
      onSubmit={submit}
      submit={M.confirmFinish}
      busy={busy}
      error={invalid ?? problem ?? (badAppointment ? M.appointmentInvalid : error)}
      testId="finish"
    >
      <fieldset className="cs-outcomes">
        <legend>
          <Bi m={M.outcome} single />
        </legend>
        {(['received', 'returned', 'guidance'] as const).map((o) => (
          <label key={o} className={`cs-outcome ${outcome === o ? 'cs-outcome-on' : ''}`}>
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
              autoFocus={o === (initial?.outcome ?? 'received')}
            />
            <Bi m={M[o]} />
          </label>
        ))}
      </fieldset>
      {outcome !== 'guidance' ? (
        <label className="lk-field">
          <Bi m={optional ? M.dossierCodeOptional : M.dossierCode} single />
          <input
            name="dossierCode"
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setInvalid(null);
            }}
            placeholder="000.00.12.H61-261202-0001"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={invalid ? true : undefined}
          />
          <small data-testid="dossier-hint">{optional ? M.dossierGeneratedHint.vi : M.dossierHint.vi}</small>
        </label>
      ) : null}
      {outcome === 'received' ? (
        <>
          <label className="lk-field">
            <Bi m={M.procedure} single />
            {procedure ? (
              <span className="cs-chosen">
                {procedure.name}{' '}
                <button type="button" className="cs-link" onClick={() => setProcedure(null)}>
                  {M.cancel.vi}
                </button>
              </span>
            ) : (
              <input
                name="procedure"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={M.procedureSearch.vi}
                autoComplete="off"
              />
            )}
          </label>
          {!procedure && hits.length > 0 ? (
            <ul className="cs-hits">
              {hits.map((h) => (
                <li key={h.id}>
                  <button type="button" onClick={() => setProcedure({ id: h.id, name: h.name })}>
                    <span className="cs-hit-code">{h.code}</span> {h.name}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <label className="lk-field">
            <Bi m={M.ownerContact} single />
            <input
              name="owner"
              value={owner}
              inputMode="numeric"
              maxLength={16}
              autoComplete="off"
              onChange={(e) => {
                setOwner(e.target.value);
                setProblem(null);
              }}
            />
            <small>{M.ownerHint.vi}</small>
          </label>
          <DateAndTimeField
            className="lk-field"
            label={M.appointment}
            singleLabel
            hint={M.appointmentHint}
            name="appointment"
            testId="appointment"
            value={appointment}
            onChange={(v) => {
              setAppointment(v);
              setBadAppointment(false);
            }}
            // A result is returned on a working day to come, never before today.
            min={vietnamDay(new Date())}
          />
        </>
      ) : null}
      {outcome === 'returned' ? (
        <ReturnFields
          form={ret}
          onChange={(f) => {
            setRet(f);
            setProblem(null);
          }}
        />
      ) : null}
    </Panel>
  );
}

export function TransferPanel({
  ticket,
  services,
  busy,
  error,
  onCancel,
  onTransfer,
}: {
  ticket: Ticket;
  services: Service[];
  busy: boolean;
  error: Bilingual | null;
  onCancel: () => void;
  onTransfer: (serviceId: number, note: string | null) => void;
}) {
  const [to, setTo] = useState<number | ''>('');
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<Bilingual | null>(null);
  return (
    <Panel
      title={format(M.transferTitle, { number: ticket.number })}
      onCancel={onCancel}
      onSubmit={() => {
        if (to === '') return setInvalid(M.pickService);
        onTransfer(to, note.trim() || null);
      }}
      submit={M.confirmTransfer}
      busy={busy}
      error={invalid ?? error}
      testId="transfer"
    >
      <label className="lk-field">
        <Bi m={M.transferTo} single />
        <select
          name="service"
          value={to}
          autoFocus
          onChange={(e) => {
            setTo(e.target.value ? Number(e.target.value) : '');
            setInvalid(null);
          }}
        >
          <option value="">—</option>
          {services
            .filter((s) => s.id !== ticket.serviceId && s.active)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>
      </label>
      <label className="lk-field">
        <Bi m={M.transferNote} single />
        <textarea
          name="note"
          maxLength={200}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
    </Panel>
  );
}

export function PausePanel({
  busy,
  error,
  onCancel,
  onPause,
}: {
  busy: boolean;
  error: Bilingual | null;
  onCancel: () => void;
  onPause: (reason: string | null) => void;
}) {
  const [reason, setReason] = useState<string>(PAUSE_REASONS[0].vi);
  const [other, setOther] = useState('');
  const isOther = reason === '';
  return (
    <Panel
      title={M.pauseTitle}
      onCancel={onCancel}
      onSubmit={() => onPause(isOther ? other.trim() || null : reason)}
      submit={M.confirmPause}
      busy={busy}
      error={error}
      testId="pause"
    >
      <fieldset className="cs-outcomes">
        <legend>
          <Bi m={M.pauseReason} single />
        </legend>
        {[...PAUSE_REASONS, { ...M.otherReason, value: '' }].map((r, i) => {
          const value = 'value' in r ? r.value : r.vi;
          return (
            <label key={value} className={`cs-outcome ${reason === value ? 'cs-outcome-on' : ''}`}>
              <input
                type="radio"
                name="reason"
                checked={reason === value}
                onChange={() => setReason(value)}
                autoFocus={i === 0}
              />
              <Bi m={r} />
            </label>
          );
        })}
      </fieldset>
      {isOther ? (
        <label className="lk-field">
          <Bi m={M.otherReason} single />
          <input name="otherReason" maxLength={80} value={other} onChange={(e) => setOther(e.target.value)} />
        </label>
      ) : null}
    </Panel>
  );
}
