import { useEffect, useState } from 'react';
import type { ProcedureHit, Service } from '@layso/protocol';
import { Bi, Button, Spinner, type Api } from '@layso/ui-kit';
import { Keyboard } from '../keyboard/Keyboard.js';
import { Layout } from '../Layout.js';
import { M } from '../messages.js';

/** What people come for most, in their own words: one tap fills the search. */
const SUGGESTIONS = [
  'lý lịch tư pháp',
  'sổ đỏ',
  'khai sinh',
  'kết hôn',
  'hộ chiếu',
  'bằng lái',
  'sao y',
  'giấy độc thân',
  'đăng ký kinh doanh',
];

/** Results as you type (accent-insensitive, everyday words, codes), the newest query only. */
function useProcedureSearch(api: Api, q: string, serviceId?: number): ProcedureHit[] | null {
  const [hits, setHits] = useState<ProcedureHit[] | null>(null);
  useEffect(() => {
    // The whole catalogue has nothing sensible to list before the first letter: suggestions are shown instead.
    if (!q.trim() && serviceId === undefined) {
      setHits([]);
      return;
    }
    let live = true;
    const t = window.setTimeout(
      () => {
        api
          .procedures({ q, serviceId, limit: serviceId === undefined ? 12 : 100 })
          .then((r) => live && setHits(r))
          .catch(() => live && setHits([]));
      },
      q ? 120 : 0,
    );
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [api, q, serviceId]);
  return hits;
}

export function ProcedureList({
  hits,
  services,
  onPick,
}: {
  hits: ProcedureHit[];
  services: Service[];
  onPick: (p: ProcedureHit) => void;
}) {
  const name = (id: number | null) => services.find((s) => s.id === id)?.name;
  return (
    <ul className="k-results" data-testid="results">
      {hits.map((p) => (
        <li key={p.id}>
          <button type="button" className="k-result" onClick={() => onPick(p)} data-testid="result">
            <span className="k-result-name">{p.name}</span>
            <span className="k-result-meta">{name(p.serviceId) ?? p.agency ?? ''}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Search across the whole catalogue, or within one service's list when `serviceId` is given. */
export function Search({
  centerName,
  api,
  services,
  serviceId,
  onPick,
  onBack,
  onHome,
}: {
  centerName: string;
  api: Api;
  services: Service[];
  serviceId?: number;
  onPick: (p: ProcedureHit) => void;
  onBack: () => void;
  onHome: () => void;
}) {
  const [q, setQ] = useState('');
  const hits = useProcedureSearch(api, q, serviceId);
  const service = services.find((s) => s.id === serviceId);
  const title = service
    ? { vi: `Thủ tục của ${service.name}`, en: `Procedures of ${service.nameEn ?? service.name}` }
    : M.searchTitle;
  return (
    <Layout
      centerName={centerName}
      onBack={onBack}
      onHome={onHome}
      testId={serviceId === undefined ? 'search' : 'procedures'}
      footer={<Keyboard value={q} onChange={setQ} mode="letters" maxLength={80} />}
    >
      <h1 className="k-title">
        <Bi m={title} />
      </h1>
      <input
        className="k-input k-input-search"
        value={q}
        readOnly
        inputMode="none"
        placeholder={service ? `${M.filterHint.vi} / ${M.filterHint.en}` : `${M.searchPlaceholder.vi}`}
        aria-label={`${M.searchTitle.vi} / ${M.searchTitle.en}`}
        data-testid="search-input"
      />
      {!q && serviceId === undefined ? (
        <>
          <p className="k-hint">
            <Bi m={M.searchEmpty} />
          </p>
          <div className="k-suggestions" data-testid="suggestions">
            {SUGGESTIONS.map((s) => (
              <Button key={s} variant="secondary" onClick={() => setQ(s)}>
                {s}
              </Button>
            ))}
          </div>
        </>
      ) : hits === null ? (
        <Spinner label={M.searching} />
      ) : hits.length === 0 ? (
        <p className="k-hint" data-testid="no-results">
          <Bi m={q ? M.searchNone : M.searchEmpty} />
        </p>
      ) : (
        <ProcedureList hits={hits} services={services} onPick={onPick} />
      )}
    </Layout>
  );
}
