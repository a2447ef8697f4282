import { Bi, Button, format, useCountdown } from '@layso/ui-kit';
import { M } from './messages.js';

/**
 * The last screen's way out: a big "done" button and the seconds until the kiosk goes back by itself (the ticket and
 * the feedback receipt). The countdown starts again from `seconds` when `restartOn` changes.
 */
export function DoneFooter({
  seconds,
  onDone,
  restartOn,
  testId,
}: {
  seconds: number;
  onDone: () => void;
  restartOn: unknown;
  testId: string;
}) {
  const left = useCountdown(seconds, onDone, restartOn);
  return (
    <div className="k-actions k-actions-center">
      <Button size="huge" onClick={onDone} testId={testId}>
        <Bi m={M.done} />
      </Button>
      <span className="k-countdown" aria-live="off">
        <Bi m={format(M.backIn, { s: left })} />
      </span>
    </div>
  );
}
