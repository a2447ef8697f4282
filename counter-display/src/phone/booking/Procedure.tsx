import { useEffect, useState } from 'react';
import type { ProcedureHit } from '@layso/protocol';
import { Bi, Button } from '@layso/ui-kit/components';
import { phoneApi } from '../api.js';
import { attempt } from './attempt.js';
import { B } from './texts.js';

/** How long typing pauses before the catalogue is searched (one request per word, not per letter). */
const SEARCH_PAUSE_MS = 300;

/**
 * The optional procedure: the catalogue's search within the chosen service (diacritics optional, or a procedure
 * code), or "Bỏ qua" to go on to the day.
 */
export function ProcedureStep({
  serviceId,
  onPick,
}: {
  serviceId: number;
  onPick: (p: { id: number; name: string } | null) => void;
}) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<ProcedureHit[] | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void attempt(phoneApi.callPath('procedures', { query: { q: text, serviceId, limit: 8 } })).then((r) => {
        if (live) setHits(r.ok ? r.value : []);
      });
    }, SEARCH_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, serviceId]);
  return (
    <section className="bk-step" data-testid="bk-procedure">
      <div className="bk-field">
        <label htmlFor="bk-q">
          <Bi m={B.procedureAsk} />
        </label>
        <input
          id="bk-q"
          data-testid="bk-q"
          type="search"
          value={q}
          enterKeyHint="search"
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <p className="ph-muted bk-hint">
          <Bi m={B.procedureHint} />
        </p>
      </div>
      {hits && hits.length === 0 ? (
        <p className="ph-muted">
          <Bi m={B.procedureNone} />
        </p>
      ) : null}
      {hits && hits.length > 0 ? (
        <ul className="bk-hits" data-testid="bk-hits">
          {hits.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="bk-choice bk-hit"
                data-testid={`bk-hit-${p.id}`}
                onClick={() => onPick({ id: p.id, name: p.name })}
              >
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Button variant="secondary" testId="bk-skip" onClick={() => onPick(null)}>
        <Bi m={B.skip} />
      </Button>
    </section>
  );
}
