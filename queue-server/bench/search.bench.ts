/**
 * Procedure search benchmark (issue 2, 10c): realistic queries over the full real catalogue, median and p99
 * per query. Not a test: prints a table and writes bench-results/search.json.
 *
 *   npx tsx queue-server/bench/search.bench.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServiceMapper } from '../src/catalogue/mapping.js';
import { parseCatalogue } from '@layso/protocol/catalogue-file';
import { createSearchIndex } from '../src/catalogue/search.js';
import { DEMO_CENTER } from '../src/demo/center.js';

export const SEARCH_BENCH_QUERIES: string[] = [
  'ly lich tu phap',
  'lý lịch tư pháp',
  'lý lịch',
  'phieu ly lich',
  'ly lick tu phap',
  'sổ đỏ',
  'so do',
  'sổ hồng',
  'sang tên',
  'cap doi giay chung nhan quyen su dung dat',
  'bằng lái',
  'bang lai xe',
  'doi giay phep lai xe',
  'khai sinh',
  'đăng ký khai sinh',
  'ket hon',
  'dang ky ket hn',
  'giấy độc thân',
  'sao y',
  'chung thuc ban sao',
  'hộ chiếu',
  'lam ho chieu',
  'căn cước',
  'dang ky thuong tru',
  'giấy phép kinh doanh',
  'thanh lap doanh nghiep',
  'giấy phép xây dựng',
  'bảo hiểm y tế',
  'c',
  '1.000894',
  '1.0008',
  '2.000815',
];

export interface SearchBenchRow {
  query: string;
  medianUs: number;
  p99Us: number;
  hits: number;
  top: string | null;
}

export interface SearchBenchResult {
  procedures: number;
  iterations: number;
  buildMs: number;
  medianOfMediansUs: number;
  worstMedianUs: number;
  targetMedianUs: number;
  rows: SearchBenchRow[];
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export function runSearchBench(options: { iterations?: number; queries?: string[] } = {}): SearchBenchResult {
  const iterations = options.iterations ?? 200;
  const queries = options.queries ?? SEARCH_BENCH_QUERIES;
  const csv = readFileSync(new URL('../src/demo/catalogue.csv', import.meta.url), 'utf8');
  const { rows } = parseCatalogue('csv', csv);
  const mapper = createServiceMapper(DEMO_CENTER.services);
  const serviceIds = new Map(DEMO_CENTER.services.map((s, i) => [s.code, i + 1]));
  const procedures = rows.map((r, i) => ({
    id: i + 1,
    code: r.code,
    name: r.name,
    field: r.field,
    serviceId: serviceIds.get(mapper(r).serviceCode ?? '') ?? null,
  }));

  const t0 = performance.now();
  const index = createSearchIndex(procedures);
  const buildMs = performance.now() - t0;

  // Warm up the JIT on every query before measuring.
  for (let i = 0; i < 20; i++) for (const q of queries) index.search(q, { limit: 20 });

  const out: SearchBenchRow[] = queries.map((query) => {
    const times: number[] = [];
    let hits: { id: number }[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      hits = index.search(query, { limit: 20 });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const top = hits[0] ? (procedures[hits[0].id - 1]?.name ?? null) : null;
    return {
      query,
      medianUs: Math.round(quantile(times, 0.5) * 1000),
      p99Us: Math.round(quantile(times, 0.99) * 1000),
      hits: hits.length,
      top,
    };
  });
  const medians = out.map((r) => r.medianUs).sort((a, b) => a - b);
  return {
    procedures: procedures.length,
    iterations,
    buildMs: Math.round(buildMs),
    medianOfMediansUs: quantile(medians, 0.5),
    worstMedianUs: medians[medians.length - 1] ?? 0,
    targetMedianUs: 2000,
    rows: out,
  };
}

export function printSearchBench(result: SearchBenchResult): void {
  console.log(
    `Procedure search: ${result.procedures} procedures, index built in ${result.buildMs} ms, ` +
      `${result.iterations} runs per query (limit 20)`,
  );
  console.log(`${'query'.padEnd(42)} ${'median µs'.padStart(10)} ${'p99 µs'.padStart(8)}  top hit`);
  for (const r of result.rows) {
    const top = r.top === null ? '—' : r.top.length > 70 ? `${r.top.slice(0, 69)}…` : r.top;
    console.log(
      `${r.query.padEnd(42)} ${String(r.medianUs).padStart(10)} ${String(r.p99Us).padStart(8)}  ${top}`,
    );
  }
  const ok = result.worstMedianUs <= result.targetMedianUs;
  console.log(
    `median of medians ${result.medianOfMediansUs} µs, worst median ${result.worstMedianUs} µs ` +
      `(target ≤ ${result.targetMedianUs} µs: ${ok ? 'met' : 'NOT met'})`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = runSearchBench();
  printSearchBench(result);
  const dir = new URL('../../bench-results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('search.json', dir);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(file)}`);
}
