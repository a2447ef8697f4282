import type { FeedbackOptions } from '@layso/protocol';
import { printFeedbackSlip, printInTurn, type KioskEnv } from '../env.js';
import { FeedbackFlow } from './FeedbackFlow.js';

/**
 * "Góp ý, phản ánh" wired to this kiosk: the case goes to the server as the kiosk's own, and its slip is printed in
 * turn with the tickets (one paper at a time).
 */
export function KioskFeedback({
  env,
  options,
  printerOut,
  printQueue,
  ...screen
}: {
  env: KioskEnv;
  options: FeedbackOptions;
  /** A printer known to be out prints nothing: the receipt says so at once. */
  printerOut: boolean;
  /** The last print asked for, shared with the tickets' (printing never rejects). */
  printQueue: { current: Promise<boolean> };
  centerName: string;
  idleSeconds: number;
  onHome: () => void;
}) {
  return (
    <FeedbackFlow
      {...screen}
      consentVersion={options.consentVersion}
      send={(body) => env.api.call('kioskFeedback', { body })}
      print={(receipt) =>
        printerOut ? Promise.resolve(false) : printInTurn(printQueue, () => printFeedbackSlip(env, receipt))
      }
    />
  );
}
