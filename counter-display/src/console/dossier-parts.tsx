import { forwardRef, useState, type FormEvent } from 'react';
import { DOSSIER_STATUS_LABELS, dossierCodeFromScan, type DossierRecord } from '@layso/protocol';
import { Bi, Button, format, formatDateTime, type Bilingual } from '@layso/ui-kit';
import type { ReturnForm } from './dossier.js';
import { M } from './messages.js';

const SOURCE = { counter: M.sourceCounter, push: M.sourcePush, pull: M.sourcePull } as const;

/**
 * One dossier of the register as the officer reads it: what it is, where it stands (and since when, from
 * whom), and the button that returns its result to the citizen at the counter.
 */
export function DossierCard({
  record,
  returnTo,
  onReturn,
  onClose,
}: {
  record: DossierRecord;
  /** The number at the counter the result can be returned to; null when nobody is there. */
  returnTo: string | null;
  onReturn: () => void;
  onClose?: () => void;
}) {
  const label = DOSSIER_STATUS_LABELS[record.status];
  const returned = record.returnedAt !== null;
  const facts: [Bilingual, string | null][] = [
    [M.factProcedure, record.procedureName],
    [M.factReceived, record.receivedAt && formatDateTime(record.receivedAt)],
    [M.factAppointment, record.appointmentAt && formatDateTime(record.appointmentAt)],
    [M.factReady, record.resultReadyAt && formatDateTime(record.resultReadyAt)],
    [M.factPlace, record.returnPlace],
    [M.factReason, record.reason],
    [M.factOfficer, record.receivingOfficer],
  ];
  return (
    <section
      className="cs-dossier"
      data-testid="dossier-card"
      data-code={record.code}
      data-status={record.status}
    >
      <div className="cs-dossier-head">
        <div className="cs-dossier-title">
          <h2 className="cs-dossier-code">{record.code}</h2>
          <p className="cs-dossier-status">
            <strong data-testid="dossier-status">{label ? label.vi : record.status}</strong>
            {record.overdue ? <span className="cs-tag cs-tag-danger">{M.overdueTag.vi}</span> : null}
            <small>
              {
                format(M.learnt, {
                  at: formatDateTime(record.statusLearntAt),
                  source: SOURCE[record.statusSource].vi,
                }).vi
              }
            </small>
          </p>
        </div>
        {returnTo && !returned ? (
          <Button onClick={onReturn} testId="dossier-return">
            <Bi m={format(M.returnFor, { number: returnTo })} single />
          </Button>
        ) : null}
        {onClose ? (
          <Button variant="ghost" onClick={onClose} testId="dossier-close">
            <Bi m={M.close} single />
          </Button>
        ) : null}
      </div>
      <dl className="cs-dossier-facts">
        {facts
          .filter((f): f is [Bilingual, string] => !!f[1])
          .map(([k, v]) => (
            <div key={k.vi}>
              <dt>{k.vi}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        {returned ? (
          <div>
            <dt>{M.factReturned.vi}</dt>
            <dd>
              {formatDateTime(record.returnedAt)}
              {record.collectedBy
                ? ` · ${format(M.collectorTag, { who: record.collectorName ?? (record.collectedBy === 'owner' ? M.collectorOwner.vi : M.collectorAuthorised.vi) }).vi}`
                : ''}
              {record.originalsReturned
                ? ` · ${format(M.originalsTag, { n: record.originalsReturned }).vi}`
                : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {!record.provable ? <p className="cs-dossier-note">{M.notProvable.vi}</p> : null}
    </section>
  );
}

/** "Trả kết quả" in the finish panel: who collected, their name and ID with consent, the originals. */
export function ReturnFields({ form, onChange }: { form: ReturnForm; onChange: (f: ReturnForm) => void }) {
  const set = (patch: Partial<ReturnForm>) => onChange({ ...form, ...patch });
  return (
    <div className="cs-return" data-testid="return-fields">
      <fieldset className="cs-outcomes">
        <legend>
          <Bi m={M.collectedBy} single />
        </legend>
        {(['owner', 'authorised'] as const).map((c) => (
          <label key={c} className={`cs-outcome ${form.collectedBy === c ? 'cs-outcome-on' : ''}`}>
            <input
              type="radio"
              name="collectedBy"
              value={c}
              checked={form.collectedBy === c}
              onChange={() => set({ collectedBy: c })}
            />
            <Bi m={c === 'owner' ? M.collectorOwner : M.collectorAuthorised} />
          </label>
        ))}
      </fieldset>
      {form.collectedBy === 'authorised' ? (
        <>
          <div className="cs-return-person">
            <label className="lk-field">
              <Bi m={M.collectorName} single />
              <input
                name="collectorName"
                value={form.name}
                maxLength={120}
                autoComplete="off"
                onChange={(e) => set({ name: e.target.value })}
              />
            </label>
            <label className="lk-field">
              <Bi m={M.collectorId} single />
              <input
                name="collectorId"
                value={form.idNumber}
                inputMode="numeric"
                maxLength={14}
                autoComplete="off"
                onChange={(e) => set({ idNumber: e.target.value })}
              />
            </label>
          </div>
          <label className="cs-check">
            <input
              type="checkbox"
              name="collectorConsent"
              checked={form.consent}
              onChange={(e) => set({ consent: e.target.checked })}
            />
            <Bi m={M.collectorConsent} single />
          </label>
        </>
      ) : null}
      <label className="lk-field cs-field-short">
        <Bi m={M.originals} single />
        <input
          name="originals"
          value={form.originals}
          inputMode="numeric"
          maxLength={3}
          onChange={(e) => set({ originals: e.target.value })}
        />
      </label>
    </div>
  );
}

/**
 * "Tra cứu hồ sơ" in the console's bar: a code typed, pasted, or typed into the field by a keyboard-mode scanner
 * (the slip's QR gives the status address, its barcode the bare code; both read the same). H puts the cursor here.
 */
export const LookupBar = forwardRef<
  HTMLInputElement,
  { busy: boolean; onLookup: (code: string) => void; onInvalid: () => void }
>(function LookupBar({ busy, onLookup, onInvalid }, ref) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const code = dossierCodeFromScan(text);
    if (code === null) return onInvalid();
    setText('');
    // The cursor leaves the field, so the console's one-key shortcuts work again.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    onLookup(code);
  };
  return (
    <form className="cs-lookup" onSubmit={submit} data-testid="dossier-lookup" noValidate role="search">
      <kbd className="cs-kbd" aria-hidden>
        H
      </kbd>
      <input
        ref={ref}
        name="lookup"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={M.lookupPlaceholder.vi}
        aria-label={`${M.lookupLabel.vi} / ${M.lookupLabel.en}`}
        spellCheck={false}
        autoComplete="off"
      />
      <Button type="submit" variant="ghost" busy={busy} testId="dossier-lookup-submit">
        <Bi m={M.lookupButton} single />
      </Button>
    </form>
  );
});
