// What the staff's forms share (the center's admin, the province hub): an action run once at a time with its error
// kept, a load with its reload, the server's refusal in words, and a downloaded export handed to the browser.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Banner } from './components.js';
import { errorText, type Bilingual } from './i18n.js';
import { ApiError } from './rest.js';

/** A refusal as staff read it: the server's bilingual message, then which field and why. */
export function problemOf(e: unknown): { title: Bilingual; detail?: Bilingual } {
  if (!(e instanceof ApiError)) return { title: errorText('LAYSO_NETWORK') };
  const title = errorText(e.code, e.message);
  const d = e.details;
  let lines: string[] = [];
  if (Array.isArray(d)) {
    lines = d.map((x: { path?: string; message?: string }) =>
      [x.path?.replace(/^\//, '').replaceAll('/', '.'), x.message].filter(Boolean).join(': '),
    );
  } else if (d && typeof d === 'object') {
    lines = Object.entries(d as Record<string, unknown>)
      .filter(([k]) => k !== 'where')
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  if (!lines.length) return { title };
  const text = lines.join(' · ');
  return { title, detail: { vi: text, en: text } };
}

/** The refusal of an action or a load, in a red banner; nothing without one. */
export function Problem({ error, testId }: { error: unknown; testId: string }) {
  if (!error) return null;
  const p = problemOf(error);
  return <Banner tone="danger" title={p.title} detail={p.detail} testId={testId} />;
}

/** Loads once (and again on `reload()`); keeps the last good data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    loadRef.current().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [tick, ...deps]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}

/** Runs an action once at a time, keeping its error for the form to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}

/** Hands a downloaded file (an export) to the browser as a download under the name the server gave it. */
export function saveFile(file: { blob: Blob; name: string }): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A share as a percentage with `decimals` places (73,5%), a dash when there is none. */
export function percent(x: number | null, decimals = 1): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: decimals })}%`;
}
