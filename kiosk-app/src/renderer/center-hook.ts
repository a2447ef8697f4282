import { useEffect, useState } from 'react';
import type { FeedbackOptions, KioskSettings, PrinterState, PriorityGroup, Service } from '@layso/protocol';
import { ApiError, type Bilingual, type RealtimeState } from '@layso/ui-kit';
import type { LocalPrinterState } from '../bridge.js';
import type { KioskEnv } from './env.js';
import { M } from './messages.js';

/** States in which the printer prints nothing; `paper-near-end` still prints (only the admin is warned). */
const FAULTS: Partial<Record<PrinterState, Bilingual>> = {
  'paper-out': M.printerPaperOut,
  'cover-open': M.printerCoverOpen,
  offline: M.printerOffline,
  error: M.printerOffline,
  'not-configured': M.printerOffline,
};

/**
 * What the kiosk knows of its center and its printer: the settings, services and priority groups read from the
 * server (and whether it can be reached), and the ticket printer's state with the fault it means, if any.
 */
export function useCenter(env: KioskEnv, rt: RealtimeState) {
  const [settings, setSettings] = useState<KioskSettings | null>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [groups, setGroups] = useState<PriorityGroup[]>([]);
  const [feedback, setFeedback] = useState<FeedbackOptions | null>(null);
  const [networkDown, setNetworkDown] = useState(false);
  const [localState, setLocalState] = useState<LocalPrinterState | null>(null);

  // What the kiosk needs from the server: asked at once (beside the socket's handshake), again whenever
  // the connection comes back, and whenever the admin changes the center's settings (`settings:changed`).
  const online = rt.status === 'online';
  const settingsVersion = rt.settingsVersion;
  useEffect(() => {
    let live = true;
    // Whether "Góp ý, phản ánh" is offered, and the version of its consent text: on its own, so a server without
    // it (or a refusal) hides the button and nothing else.
    const loadFeedback = () =>
      env.api.call('feedbackOptions', { query: {} }).then(
        (f) => live && setFeedback(f),
        () => undefined,
      );
    const load = () => {
      void loadFeedback();
      return Promise.all([env.api.kioskSettings(), env.api.services(), env.api.priorityGroups()])
        .then(([k, s, g]) => {
          if (!live) return;
          setSettings(k);
          setServices(s);
          setGroups(g);
          setNetworkDown(false);
        })
        .catch((e: unknown) => {
          if (live && e instanceof ApiError && e.code === 'LAYSO_NETWORK') setNetworkDown(true);
        });
    };
    void load();
    // Opening hours and caps change with the clock: the list is read again every half minute, and every
    // few seconds while the server cannot be reached, so the kiosk is back as soon as it is.
    const t = window.setInterval(() => void load(), networkDown ? 3_000 : 30_000);
    return () => {
      live = false;
      window.clearInterval(t);
    };
  }, [env, online, networkDown, settingsVersion]);

  // A kiosk with its own printer (Electron) asks it directly; otherwise the server tells its state.
  useEffect(() => {
    if (!env.local) return;
    const local = env.local;
    const ask = () => void local.printerStatus().then((r) => setLocalState(r.ok ? r.value.state : 'error'));
    ask();
    const t = window.setInterval(ask, 5000);
    return () => window.clearInterval(t);
  }, [env]);

  const printerState: PrinterState | null = env.local ? localState : (rt.snapshot?.printer?.state ?? null);
  // The admin hears of this kiosk's own printer through the server (again after each reconnect).
  useEffect(() => {
    if (env.local && localState && online)
      void env.api.reportKioskPrinter({ state: localState }).catch(() => {});
  }, [env, localState, online]);
  const fault = printerState ? (FAULTS[printerState] ?? null) : null;
  return { settings, services, groups, feedback, networkDown, setNetworkDown, printerState, fault };
}
