import { useState } from 'react';
import { Bi, format, type Bilingual } from '@layso/ui-kit';
import { P } from './page-messages.js';

/** Folds Vietnamese for a search: no diacritics, đ → d, lower case. */
const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();

export interface PickableSite {
  id: number;
  code: string;
  name: string;
  commune: string;
}

/**
 * Which sites a report covers: none ticked = every site the viewer may see. A search narrows the list (a province
 * has ~125), sorted by commune then name.
 */
export function SitePicker({
  sites,
  chosen,
  onChange,
  emptyIsAll = true,
  label = P.sitesPick,
  testId = 'site-picker',
}: {
  sites: readonly PickableSite[];
  chosen: readonly number[];
  onChange: (ids: readonly number[]) => void;
  /** A report: none ticked = every site. An account's list: none is none. */
  emptyIsAll?: boolean;
  label?: Bilingual;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const sorted = [...sites].sort(
    (a, b) => a.commune.localeCompare(b.commune, 'vi') || a.name.localeCompare(b.name, 'vi'),
  );
  const shown = q ? sorted.filter((s) => fold(`${s.name} ${s.commune}`).includes(fold(q))) : sorted;
  const summary =
    emptyIsAll && chosen.length === 0
      ? format(P.allSites, { n: sites.length })
      : format(P.someSites, { n: chosen.length });
  const toggle = (id: number, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <details className="hub-field hub-picker" data-testid={testId}>
      <summary>
        <span className="hub-picker-label">
          <Bi m={label} />
        </span>
        <span data-testid={`${testId}-summary`}>{summary.vi}</span>
      </summary>
      <div className="hub-picker-body">
        <input
          type="search"
          value={q}
          placeholder={P.findSite.vi}
          aria-label={P.findSite.vi}
          onChange={(e) => setQ(e.target.value)}
        />
        {emptyIsAll ? (
          <label>
            <input type="checkbox" checked={chosen.length === 0} onChange={() => onChange([])} />
            <Bi m={P.chooseAll} single />
          </label>
        ) : null}
        {shown.map((s) => (
          <label key={s.id}>
            <input
              type="checkbox"
              checked={chosen.includes(s.id)}
              onChange={(e) => toggle(s.id, e.target.checked)}
              data-testid={`pick-${s.code}`}
            />
            {s.name} <small>{s.commune}</small>
          </label>
        ))}
      </div>
    </details>
  );
}
