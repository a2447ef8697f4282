import type { FeedbackReceipt } from '@layso/protocol';
import { Banner, Bi } from '@layso/ui-kit/components';
import { formatDate } from '@layso/ui-kit/datetime';
import { feedbackCodeShown } from '@layso/ui-kit/feedback/fields';
import { feedbackNoNotice } from '@layso/ui-kit/feedback/labels';
import { bareCode } from './code.js';
import { F } from './texts.js';

/**
 * What the citizen keeps once the case is sent: its code big (XXXX-XXXX), its page's address, the day the answer is
 * due, and how the answer comes — a message when a phone was given and the center sends messages, else only on
 * the page or in person.
 */
export function Receipt({ receipt: r, phoneGiven }: { receipt: FeedbackReceipt; phoneGiven: boolean }) {
  return (
    <>
      <Banner tone="info" title={F.sent} testId="fb-sent" />
      <section className="ph-card fb-receipt" data-testid="fb-receipt">
        <div className="ph-number-box">
          <Bi m={F.code} className="ph-label" />
          <div className="bk-code" data-testid="fb-code">
            {feedbackCodeShown(r.code)}
          </div>
        </div>
        <dl className="ph-facts bk-facts">
          <div>
            <dt>
              <Bi m={F.due} />
            </dt>
            <dd data-testid="fb-due">{formatDate(r.answerDueDay)}</dd>
          </div>
        </dl>
        <p className="bk-todo" data-testid="fb-notice">
          <Bi m={r.answerByNotice ? F.byNotice : feedbackNoNotice(phoneGiven)} />
        </p>
      </section>
      <p className="bk-keep">
        <Bi m={F.keepCode} />{' '}
        <a href={`/pa/${bareCode(r.code)}`} data-testid="fb-link">
          {r.url}
        </a>
      </p>
      <a className="bk-link-btn" href="/pa">
        <Bi m={F.another} />
      </a>
    </>
  );
}
