import { Bi, Spinner, type Bilingual } from '@layso/ui-kit';
import { M } from '../messages.js';

/** A whole-screen state with nothing to tap: out of service, not paired, starting. */
export function StatusScreen({
  title,
  text,
  testId,
  waiting = false,
}: {
  title: Bilingual;
  text?: Bilingual;
  testId: string;
  waiting?: boolean;
}) {
  return (
    <div className="k-status" data-testid={testId} role="alert">
      <div className="k-status-icon" aria-hidden>
        {waiting ? '…' : '!'}
      </div>
      <h1>
        <Bi m={title} />
      </h1>
      {text ? (
        <p>
          <Bi m={text} />
        </p>
      ) : null}
      {waiting ? <Spinner label={M.connecting} /> : null}
    </div>
  );
}
