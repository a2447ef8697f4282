import { useState, type ReactNode } from 'react';
import { parseDossierCode, type DossierLookup } from '@layso/protocol';
import {
  Banner,
  Bi,
  Button,
  DOSSIER_TEXT as D,
  Icon,
  Spinner,
  answerView,
  type Bilingual,
} from '@layso/ui-kit';
import { Keyboard } from '../keyboard/Keyboard.js';
import { Layout } from '../Layout.js';
import { M } from '../messages.js';
import { CODE_DIGITS_MAX, codeFromDigits } from '../../scans/dossier-code.js';

interface Common {
  centerName: string;
  onHome: () => void;
}

/**
 * The first step of "Nhận kết quả / Tra cứu hồ sơ": scan the slip (the scanner is always listening; App takes
 * the scan), or type the code's digits on the keypad — the separators come by themselves.
 */
export function DossierCodeScreen({
  centerName,
  onHome,
  onCode,
}: Common & { onCode: (code: string) => void }) {
  const [digits, setDigits] = useState('');
  const typed = codeFromDigits(digits);
  const parsed = parseDossierCode(typed);
  // Wrong only once the code is as long as a code can be complete and still is not one.
  const wrong = !parsed.ok && digits.length >= 19;
  return (
    <Layout
      centerName={centerName}
      onHome={onHome}
      testId="dossier-code"
      footer={
        <>
          <Keyboard value={digits} onChange={setDigits} mode="digits" maxLength={CODE_DIGITS_MAX} />
          <div className="k-actions k-actions-keyboard">
            <Button
              size="large"
              disabled={!parsed.ok}
              onClick={() => parsed.ok && onCode(parsed.value.code)}
              testId="dossier-code-next"
            >
              <Bi m={D.next} />
            </Button>
          </div>
        </>
      }
    >
      <h1 className="k-title">
        <Bi m={D.codeTitle} />
      </h1>
      <p className="k-dossier-scan">
        <Icon name="qr" className="k-dossier-scan-icon" />
        <Bi m={D.scanHint} />
      </p>
      <p className="k-hint">
        <Bi m={D.typeHint} />
      </p>
      <label className="k-field k-field-active">
        <Bi m={D.codeLabel} className="k-field-label" />
        <input
          className="k-input k-input-code"
          value={typed}
          readOnly
          inputMode="none"
          aria-invalid={wrong ? true : undefined}
          data-testid="dossier-code-input"
        />
        {wrong ? (
          <span className="k-field-error" role="alert">
            <Bi m={D.codeWrong} />
          </span>
        ) : null}
      </label>
      <p className="k-hint">
        <Bi m={D.typeHelp} />
      </p>
    </Layout>
  );
}

/** The proof: the last 4 digits of the owner's ID or phone; a code alone reveals nothing. */
export function DossierProofScreen({
  centerName,
  onHome,
  code,
  busy,
  refusal,
  limited,
  onBack,
  onProof,
}: Common & {
  code: string;
  busy: boolean;
  refusal: Bilingual | null;
  /** Too many wrong tries: the number offered instead, and what its button says. */
  limited: { label: Bilingual; onTake: () => void } | null;
  onBack: () => void;
  onProof: (digits: string) => void;
}) {
  const [digits, setDigits] = useState('');
  return (
    <Layout
      centerName={centerName}
      onBack={onBack}
      onHome={onHome}
      testId="dossier-proof"
      footer={
        <>
          <Keyboard value={digits} onChange={setDigits} mode="digits" maxLength={4} />
          <div className="k-actions k-actions-keyboard">
            <Button
              size="large"
              busy={busy}
              disabled={digits.length !== 4}
              onClick={() => onProof(digits)}
              testId="dossier-proof-submit"
            >
              <Bi m={D.lookUp} />
            </Button>
          </div>
        </>
      }
    >
      <h1 className="k-title">
        <Bi m={D.proofTitle} />
      </h1>
      <p className="k-dossier-code" data-testid="dossier-code-shown">
        <Bi m={D.codeLabel} className="k-field-label" />
        <strong>{code}</strong>
      </p>
      <p className="k-dossier-text">
        <Bi m={D.proofText} />
      </p>
      <label className="k-field k-field-active">
        <Bi m={D.proofLabel} className="k-field-label" />
        <input
          className="k-input k-input-proof"
          value={digits}
          readOnly
          inputMode="none"
          data-testid="dossier-proof-input"
        />
      </label>
      <p className="k-hint">
        <Bi m={D.proofCard} />
      </p>
      {busy ? <Spinner label={D.looking} /> : null}
      {refusal ? <Banner tone="danger" title={refusal} testId="dossier-refusal" /> : null}
      {limited ? (
        <section data-testid="dossier-limited">
          <p className="k-dossier-text">
            <Bi m={M.lookupLimitedHelp} />
          </p>
          <div className="k-actions k-actions-center">
            <Button size="huge" onClick={limited.onTake} testId="dossier-limited-ticket">
              <Icon name="ticket" size="1.2em" />
              <Bi m={limited.label} />
            </Button>
          </div>
        </section>
      ) : null}
    </Layout>
  );
}

/** What the lookup found, what to do next, and the ticket that helps (printed as every ticket is). */
export function DossierAnswerScreen({
  centerName,
  onHome,
  answer,
  now,
  banner,
  screenOnly,
  blocked,
  busy,
  onTicket,
  onRetry,
}: Common & {
  answer: DossierLookup;
  now: Date;
  banner: ReactNode;
  screenOnly: boolean;
  blocked: boolean;
  busy: boolean;
  onTicket: (serviceId: number) => void;
  onRetry: () => void;
}) {
  const v = answerView(answer, now);
  return (
    <Layout centerName={centerName} onHome={onHome} testId="dossier-answer">
      {banner}
      <section
        className={`k-answer k-answer-${v.tone}`}
        data-testid="dossier-state"
        data-state={answer.state}
      >
        <h1 className="k-title">
          <Bi m={v.title} />
        </h1>
        <p className="k-dossier-code">
          <Bi m={D.codeLabel} className="k-field-label" />
          <strong>{answer.code}</strong>
        </p>
        {answer.procedureName ? <p className="k-answer-procedure">{answer.procedureName}</p> : null}
        {v.lines.map((m) => (
          <p key={m.vi} className="k-answer-line">
            <Bi m={m} />
          </p>
        ))}
        {v.updated ? (
          <p className="k-answer-updated" data-testid="dossier-updated">
            <Bi m={v.updated} />
          </p>
        ) : null}
      </section>
      <div className="k-actions k-actions-center">
        {v.ticket ? (
          <Button
            size="huge"
            variant={v.tone === 'ready' ? 'primary' : 'secondary'}
            busy={busy}
            disabled={blocked}
            onClick={() => v.ticket && onTicket(v.ticket.serviceId)}
            testId="dossier-ticket"
          >
            <Icon name="ticket" size="1.2em" />
            <Bi
              m={
                screenOnly
                  ? {
                      vi: `${v.ticket.label.vi} ${D.screenOnly.vi}`,
                      en: `${v.ticket.label.en} ${D.screenOnly.en}`,
                    }
                  : v.ticket.label
              }
            />
          </Button>
        ) : null}
        {v.retry ? (
          <Button size="large" variant="secondary" onClick={onRetry} testId="dossier-retry">
            <Bi m={D.retry} />
          </Button>
        ) : null}
      </div>
    </Layout>
  );
}
