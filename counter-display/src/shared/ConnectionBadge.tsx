import { Bi, CONNECTION, type ConnectionStatus } from '@layso/ui-kit';

/**
 * The link to the server, always visible: a quiet dot while online, a red bar that says what happens while
 * not. The screen keeps showing its last known state beneath it, and catches up by itself.
 */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  if (status === 'online') {
    return (
      <span className="sc-conn sc-conn-online" data-testid="connection" data-status={status}>
        <span className="sc-conn-dot" aria-hidden />
        <span className="sc-visually-hidden">
          <Bi m={CONNECTION.online} single />
        </span>
      </span>
    );
  }
  return (
    <div className="sc-conn sc-conn-lost" role="alert" data-testid="connection" data-status={status}>
      <span className="sc-conn-dot" aria-hidden />
      <Bi m={status === 'connecting' ? CONNECTION.connecting : CONNECTION.offline} />
    </div>
  );
}
