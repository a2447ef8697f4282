/**
 * The faults a soak injects: `kill -9` of the server with requests in flight and a restart on the same DATA_DIR and
 * port; paper-out and offline on the virtual printer the kiosks print to; an outage of the provincial stand-in.
 * A fault is "on" for one part of the day and lifted at its end (a kill is instantaneous: kill, restart, check).
 */
import type { VirtualPrinterState } from '@layso/printer-drivers';
import type { Control } from './control.js';
import { checkAckedOverApi, type Acked, type Ledger } from './invariants.js';
import type { FaultKind } from './options.js';
import type { Center, World } from './setup.js';

export interface FaultReport {
  kind: FaultKind;
  /** Part of the day it happened in (1-based). */
  part: number;
  /** Kill: requests on the wire when the signal went, ms until the restarted server answered. */
  inFlightAtKill?: number;
  restartMs?: number;
  /** Acknowledged tickets read back over the API after the restart. */
  checkedAfterRestart?: number;
  /** Screens back online and converged, and how long that took. */
  converged?: number;
  convergeMs?: number;
  /** Printer faults: prints the kiosks were told did not happen. Outage: requests the province refused. */
  refused?: number;
}

/** Starts a windowed fault (printer, province); returns the function that lifts it. */
export async function startFault(
  kind: FaultKind,
  world: World,
  control: Control,
): Promise<() => Promise<void>> {
  const printer = async (state: VirtualPrinterState) => {
    await control.switchPrinter(() => world.printer.setState(state));
    return async () => control.switchPrinter(() => world.printer.setState('ready'));
  };
  switch (kind) {
    case 'paper-out':
      return printer('paper-out');
    case 'printer-offline':
      return printer('offline');
    case 'provincial-outage':
      world.province.setFaults({ down: true });
      return async () => {
        world.province.setFaults({ down: false });
      };
    case 'kill':
      return async () => undefined;
  }
}

/**
 * SIGKILL while the kiosks and officers have requests on the wire, then a restart on the same DATA_DIR and port.
 * Every ticket acknowledged so far must still be there (all of them in a short run; the last 2,000 and a sample of
 * 2,000 older ones at full scale — the final database check covers every one).
 */
export async function killAndRestart(
  world: World,
  control: Control,
  ledger: Ledger,
  center: Center,
  report: FaultReport,
): Promise<void> {
  const server = world.server;
  report.inFlightAtKill = control.inFlightNow();
  control.setDown(true);
  server.signal('SIGKILL');
  const exit = await server.exited;
  if (exit.signal !== 'SIGKILL')
    throw new Error(`server ended by ${exit.signal ?? exit.code}, not by the kill`);
  const t0 = performance.now();
  await world.restart();
  report.restartMs = Math.round(performance.now() - t0);
  control.setDown(false);
  const all = [...ledger.acked.values()];
  const sample: Acked[] =
    all.length <= 4000
      ? all
      : [
          ...all.slice(-2000),
          ...Array.from(
            { length: 2000 },
            () => all[Math.floor(Math.random() * (all.length - 2000))] as Acked,
          ),
        ];
  report.checkedAfterRestart = sample.length;
  // Read as the admin: a kiosk reads only the tickets it issued itself today.
  await checkAckedOverApi(ledger, world.url(), center.adminToken, sample);
}
