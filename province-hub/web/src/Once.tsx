import { useRef, useState } from 'react';
import { Banner, Bi, Button, type Bilingual } from '@layso/ui-kit';
import { P } from './page-messages.js';

/**
 * A secret the hub shows once (a site's key, a reset password): a warning, the text selectable, a copy button, and
 * a close button that says it has been saved. Once closed the screen keeps nothing of it.
 */
export function Once({
  title,
  warning,
  secret,
  onClose,
  testId,
}: {
  title: Bilingual;
  warning: Bilingual;
  secret: string;
  onClose: () => void;
  testId: string;
}) {
  const [copied, setCopied] = useState<Bilingual | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(P.copied);
    } catch {
      // No clipboard (plain http on a LAN, or refused): the text is selected for Ctrl+C.
      field.current?.select();
      setCopied(P.copyFailed);
    }
  };
  return (
    <section className="hub-panel hub-once" data-testid={testId} aria-live="polite">
      <h3>
        <Bi m={title} single />
      </h3>
      <Banner tone="warning" title={warning} />
      <div className="hub-once-row">
        <input
          ref={field}
          className="hub-once-secret"
          readOnly
          value={secret}
          aria-label={title.vi}
          onFocus={(e) => e.target.select()}
          data-testid={`${testId}-secret`}
        />
        <Button variant="secondary" onClick={() => void copy()} testId={`${testId}-copy`}>
          <Bi m={P.copy} single />
        </Button>
      </div>
      {copied ? (
        <p className="hub-note" role="status">
          <Bi m={copied} single />
        </p>
      ) : null}
      <Button onClick={onClose} testId={`${testId}-close`}>
        <Bi m={P.done} single />
      </Button>
    </section>
  );
}

/** An action asked twice: the question in words, then Huỷ or the action. */
export function Confirm({
  question,
  yes,
  busy,
  onYes,
  onNo,
  testId,
}: {
  question: Bilingual;
  yes: Bilingual;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
  testId: string;
}) {
  return (
    <div className="hub-confirm" role="alertdialog" aria-label={question.vi} data-testid={testId}>
      <Bi m={question} />
      <span className="hub-confirm-actions">
        <Button variant="ghost" onClick={onNo}>
          <Bi m={P.cancel} single />
        </Button>
        <Button variant="danger" busy={busy} onClick={onYes} testId={`${testId}-yes`}>
          <Bi m={yes} single />
        </Button>
      </span>
    </div>
  );
}
