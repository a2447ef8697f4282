import type { SimComparison, SimServiceSummary, SimulationSetup } from '@layso/protocol';
import { Bi, Button, format } from '@layso/ui-kit';
import { DataTable, Field } from './parts.js';
import { S } from './simulation-messages.js';

/** A "what if N % of this service is booked" row, as typed (checked when the run starts). */
export interface BookedRow {
  service: string;
  percent: string;
}

/** Plan B's booked shares: a service and the percentage of its citizens who book a slot instead of walking in. */
export function BookedShares({
  rows,
  setRows,
  services,
}: {
  rows: BookedRow[];
  setRows: (f: (rows: BookedRow[]) => BookedRow[]) => void;
  services: SimulationSetup['services'];
}) {
  const setRow = (i: number, patch: Partial<BookedRow>) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <>
      <h3 className="ad-sim-sub">
        <Bi m={S.bookedTitle} single />
      </h3>
      <small className="ad-hint">{S.bookedHint.vi}</small>
      {rows.map((r, i) => (
        <div className="ad-sim-row" key={i} data-testid={`sim-booked-${i}`}>
          <Field label={S.service}>
            <select
              name="booked-service"
              value={r.service}
              onChange={(e) => setRow(i, { service: e.target.value })}
            >
              {services.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.code} — {x.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={S.bookedPercent}>
            <input
              type="number"
              name="booked-percent"
              min={1}
              max={100}
              value={r.percent}
              onChange={(e) => setRow(i, { percent: e.target.value })}
            />
          </Field>
          <Button
            variant="ghost"
            onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
            testId={`sim-booked-remove-${i}`}
            label={format(S.removeBooked, { row: i + 1 }).vi}
          >
            <Bi m={S.remove} single />
          </Button>
        </div>
      ))}
      <div>
        <Button
          variant="secondary"
          onClick={() => setRows((rs) => [...rs, { service: services[0]?.code ?? '', percent: '30' }])}
          testId="sim-booked-add"
        >
          <Bi m={S.addBooked} single />
        </Button>
      </div>
    </>
  );
}

/** The rows as the request carries them, or the number (1-based) of the first row that is not a percentage. */
export function bookedShares(rows: readonly BookedRow[]): { service: string; percent: number }[] | number {
  const out: { service: string; percent: number }[] = [];
  for (const [i, r] of rows.entries()) {
    const percent = Number(r.percent);
    if (r.percent.trim() === '' || !Number.isInteger(percent) || percent < 1 || percent > 100) return i + 1;
    out.push({ service: r.service, percent });
  }
  return out;
}

const min = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : x.toLocaleString('vi-VN', { maximumFractionDigits: 1 });

/** Booked and walk-in waits apart, for the services where either plan has booked tickets (nothing otherwise). */
export function BookedSplit({ r, nameOf }: { r: SimComparison; nameOf: (code: string) => string }) {
  const pairs = [...r.a.services, r.a.total].map((a) => ({
    a,
    b: a.code === '*' ? r.b.total : r.b.services.find((x) => x.code === a.code),
  }));
  const booked = (x: SimServiceSummary | undefined) => (x?.booked.issued ?? 0) > 0;
  const shown = pairs.filter((p) => booked(p.a) || booked(p.b));
  if (shown.length === 0) return null;
  return (
    <>
      <h3 className="ad-sim-sub">
        <Bi m={S.splitTitle} single />
      </h3>
      <DataTable
        testId="sim-booked-table"
        columns={[
          S.service,
          { m: S.walkInA, num: true },
          { m: S.walkInB, num: true },
          { m: S.bookedPerDay, num: true },
          { m: S.bookedMeanA, num: true },
          { m: S.bookedMeanB, num: true },
          { m: S.bookedP90B, num: true },
        ]}
      >
        {shown.map(({ a, b }) => (
          <tr key={a.code} data-code={a.code} className={a.code === '*' ? 'ad-total-row' : undefined}>
            <td>{a.code === '*' ? S.all.vi : `${a.code} — ${nameOf(a.code)}`}</td>
            <td className="num">{min(a.walkIn.meanWait)}</td>
            <td className="num">{min(b?.walkIn.meanWait)}</td>
            <td className="num">{min(b?.booked.issued)}</td>
            <td className="num">{min(a.booked.meanWait)}</td>
            <td className="num" data-testid={`sim-booked-mean-${a.code}`}>
              {min(b?.booked.meanWait)}
            </td>
            <td className="num">{min(b?.booked.p90Wait)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
