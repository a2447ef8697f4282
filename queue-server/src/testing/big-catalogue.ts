import { readDemoCatalogue } from '../demo/seed.js';

/**
 * A national-size catalogue for load tests and benches: the demo catalogue's rows repeated until the CSV is
 * `bytes` long, each copy's codes given a suffix of their own (`1.000894.R3`) so every row is a valid, distinct
 * procedure, as in a real file (~12 MB for the whole country's procedures with their texts).
 */
export function bigCatalogueCsv(bytes: number): { csv: string; rows: number } {
  const [header = '', ...lines] = readDemoCatalogue()
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const out = [header];
  let size = header.length;
  for (let copy = 0; size < bytes; copy += 1)
    for (const line of lines) {
      const row = line.replace(/^(\d\.\d{6})[^,]*/, `$1.R${copy}`);
      out.push(row);
      size += row.length + 1;
    }
  return { csv: out.join('\n'), rows: out.length - 1 };
}
