import type { FeedbackReceipt } from '@layso/protocol';
import {
  Banner,
  Bi,
  feedbackCodeShown,
  feedbackNoNotice,
  format,
  formatDate,
  QrCode,
  Spinner,
} from '@layso/ui-kit';
import { Layout } from '../Layout.js';
import { DoneFooter } from '../DoneFooter.js';
import { F } from './messages.js';

/** Where the case's slip is: coming out, in the tray, or not printed (the screen is then the only record). */
export type SlipState = 'printing' | 'printed' | 'failed';

/**
 * The case's code, big, to read out or photograph; its page's QR; when an answer is due; and, when no message will
 * come (no phone, or no message channel on), that the code is the only way to the answer.
 */
export function FeedbackReceiptScreen({
  centerName,
  receipt,
  phoneGiven,
  slip,
  seconds,
  onHome,
}: {
  centerName: string;
  receipt: FeedbackReceipt;
  /** Whether the case was sent with a phone: without a message, the receipt says why. */
  phoneGiven: boolean;
  slip: SlipState;
  /** The kiosk's idle time: the receipt goes home when the idle timeout would, and says when. */
  seconds: number;
  onHome: () => void;
}) {
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(receipt.qrSvg)}`;
  return (
    <Layout centerName={centerName} onHome={onHome} testId="feedback-receipt">
      <div className="k-ticket k-feedback-receipt">
        <div className="k-ticket-main">
          <p className="k-ticket-label">
            <Bi m={F.receivedTitle} />
          </p>
          <p className="k-feedback-code-label">
            <Bi m={F.codeLabel} single />
          </p>
          <p className="k-feedback-code" data-testid="feedback-code">
            {feedbackCodeShown(receipt.code)}
          </p>
          <p className="k-feedback-due" data-testid="feedback-due">
            <Bi m={format(F.due, { day: formatDate(receipt.answerDueDay) })} />
          </p>
          {slip !== 'printing' ? null : (
            // The screen may be the only record: until the paper is in hand, say to keep the code (a slip that did
            // not print says it in its own banner).
            <p className="k-hint">
              <Bi m={F.keepCode} />
            </p>
          )}
        </div>
        <div className="k-ticket-side">
          <div className="k-print" data-testid="feedback-print" data-state={slip}>
            {slip === 'printing' ? <Spinner label={F.printing} /> : null}
            {slip === 'printed' ? <Banner tone="info" title={F.printed} /> : null}
            {slip === 'failed' ? <Banner tone="danger" title={F.notPrinted} /> : null}
          </div>
          {receipt.answerByNotice ? (
            <Banner tone="info" title={F.byNotice} testId="feedback-notice" />
          ) : (
            <Banner tone="warning" title={feedbackNoNotice(phoneGiven)} testId="feedback-no-notice" />
          )}
          <div className="k-ticket-qr">
            <QrCode src={qr} size={220} label={`${F.qr.vi} / ${F.qr.en}`} />
            <Bi m={F.qr} />
          </div>
        </div>
      </div>
      <DoneFooter seconds={seconds} onDone={onHome} restartOn={receipt.code} testId="feedback-done" />
    </Layout>
  );
}
