import { useCallback, useEffect, useState } from 'react';
import type { DossierRecord, Ticket } from '@layso/protocol';
import { ApiError, errorText, type Api, type Bilingual } from '@layso/ui-kit';
import { M } from './messages.js';

/**
 * The dossiers the console shows: the one a returns ticket at the counter came for (read when it is called), and
 * one the officer looked up by code or scan. Both are the register's record, refreshed from the province by the
 * server within its budget.
 */
export function useDossier(api: Api, current: Ticket | null) {
  const [atCounter, setAtCounter] = useState<DossierRecord | null>(null);
  const [looked, setLooked] = useState<DossierRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);

  const code = current?.status === 'done' ? null : (current?.dossierCode ?? null);
  useEffect(() => {
    setAtCounter(null);
    if (!code) return;
    let live = true;
    api.call('dossier', { params: { code } }).then(
      (r) => live && setAtCounter(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, code, current?.id]);

  const lookUp = useCallback(
    async (c: string) => {
      setBusy(true);
      setError(null);
      try {
        setLooked(await api.call('dossier', { params: { code: c } }));
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError('LAYSO_NETWORK', '', 0);
        setLooked(null);
        setError(errorText(err.code, err.message));
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  return {
    atCounter,
    looked,
    busy,
    error,
    lookUp,
    invalid: () => setError(M.lookupInvalid),
    close: () => {
      setLooked(null);
      setError(null);
    },
  };
}
