/**
 * `npm run simulate -- [options]`: what-if staffing for a day at the center (sim/whatif.ts). Learns arrivals and
 * service times from a profile (default: the demo profile) or from DATA_DIR's history, runs a staffing plan (and
 * optionally a second one on the same seeds) over many simulated days, and prints per service the mean wait, p90,
 * the share within the target and the 95 % confidence interval, then the difference, the counters' utilisation
 * and how far the estimate printed on tickets was from the real wait. `--json` prints the same as JSON.
 *
 * Exit codes: 0 done; 2 bad arguments, profile or plan; 1 anything else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { assetPath } from '../paths.js';
import { historyFromStore } from '../sim/history.js';
import { modelFromProfile, parseProfile, type DayModel } from '../sim/model.js';
import { demoPlan } from '../demo/center.js';
import { PlanError, StaffingPlan, addCounters, withBookedShares, type SimOptions } from '../sim/plan.js';
import type { PlanResult } from '../sim/stats.js';
import {
  compare,
  compareWeek,
  runPlan,
  type Comparison,
  type WeekRow,
  type WeekTotal,
} from '../sim/whatif.js';

export const DEMO_PROFILE = assetPath('sim/demo-profile.json');

export const USAGE = [
  'Cách dùng / usage: npm run simulate -- [tuỳ chọn / options]',
  '  --profile <tệp.json>      hồ sơ lượt đến và thời gian phục vụ / arrival and service profile (mặc định / default: demo)',
  '  --data-dir <thư mục>      học từ lịch sử queue.db / learn from the history in <dir>/queue.db',
  '  --weeks <n>               số tuần lịch sử / weeks of history (8)',
  '  --plan <tệp.json>         kế hoạch bố trí quầy A / staffing plan A (mặc định: hiện tại / default: current)',
  '  --vs <tệp.json>           kế hoạch B để so sánh / plan B to compare',
  '  --add-counters <spec>     B = A + quầy, vd / e.g. TP:2@08:00-11:30',
  '  --booked <spec>           B: một phần đặt lịch trước / a share books ahead, vd / e.g. TP:30',
  '  --weekday <1-7>           thứ (1 = thứ Hai) / ISO weekday (1 = Monday) (1)',
  '  --week                    cả tuần: từng ngày có người đến, và cả tuần / each weekday with arrivals, and the week',
  '  --replications <n>        số ngày mô phỏng / simulated days (30)',
  '  --seed <n>                hạt giống ngẫu nhiên / random seed (1)',
  '  --target <phút>           thời gian chờ mục tiêu / target wait in minutes (15)',
  '  --json                    in JSON / print JSON',
].join('\n');

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

class Refusal extends Error {}
const refuse = (vi: string, en: string): never => {
  throw new Refusal(`${vi} / ${en}`);
};

function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    refuse(
      `--${name} phải là số nguyên từ ${min} đến ${max}`,
      `--${name} must be an integer from ${min} to ${max}`,
    );
  return n;
}

function readJson(file: string, what: string): unknown {
  if (!existsSync(file)) refuse(`Không thấy tệp ${what} ${file}`, `no ${what} file ${file}`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return refuse(
      `Tệp ${what} ${file} không phải JSON`,
      `${what} file ${file} is not JSON (${(e as Error).message})`,
    );
  }
}

function readPlan(file: string): StaffingPlan {
  const r = StaffingPlan.safeParse(readJson(file, 'kế hoạch/plan'));
  if (!r.success)
    refuse(
      `Kế hoạch ${file} không hợp lệ`,
      `plan ${file} is invalid:\n${r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  return (r as { data: StaffingPlan }).data;
}

const min = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
const pct = (n: number): string => (Number.isFinite(n) ? `${Math.round(n * 100)}%` : '–');
const signed = (n: number, unit = ''): string =>
  Number.isFinite(n) ? `${n > 0 ? '+' : ''}${n.toFixed(1)}${unit}` : '–';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows
    .map((r) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
    )
    .join('\n');
}

function planTable(r: PlanResult): string {
  const head = [
    'Dịch vụ/service',
    'Phát/issued',
    'Chờ TB/mean',
    'p90',
    `≤${r.targetMinutes}'`,
    'KTC 95%/CI',
    'Còn chờ/left',
  ];
  const rows = [...r.services, r.total].map((s) => [
    s.code === '*' ? 'Tổng/all' : s.code,
    s.issued.toFixed(0),
    min(s.meanWait),
    min(s.p90Wait),
    pct(s.withinTarget),
    Number.isFinite(s.meanWaitCi[0]) ? `${min(s.meanWaitCi[0])}–${min(s.meanWaitCi[1])}` : '–',
    s.leftWaiting.toFixed(1),
  ]);
  const util = r.counters.map((c) => c.utilisation);
  const meanUtil = util.reduce((a, b) => a + b, 0) / Math.max(1, util.length);
  const peak = r.queueByHour.reduce((best, q) => (q.waiting > best.waiting ? q : best), {
    hour: 0,
    waiting: 0,
  });
  const e = r.estimate.overall;
  return [
    `== ${r.plan} — ${r.counters.length} quầy/counters, thứ/weekday ${r.weekday}, ${r.replications} ngày/days, seed ${r.seed} (phút/minutes)`,
    table([head, ...rows]),
    ...bookedLines(r),
    `Công suất quầy TB / mean counter utilisation: ${pct(meanUtil)} (cao nhất / highest: ${pct(Math.max(...util))})`,
    `Hàng chờ theo giờ / waiting by hour: ${r.queueByHour.map((q) => `${q.hour}h ${q.waiting.toFixed(0)}`).join(', ')} (đỉnh / peak ${peak.hour}h)`,
    `Sai số ước tính trên phiếu / ticket estimate error: trung vị/median ${min(e.medianAbs)}, p90 ${min(e.p90Abs)}, lệch/bias ${signed(e.bias)} phút/min (n=${e.n})`,
    `  theo số người phía trước / by people ahead: ${r.estimate.byQueue.map((b) => `${b.ahead}: ${min(b.medianAbs)}/${min(b.p90Abs)}`).join(', ')}`,
  ].join('\n');
}

/** Booked and walk-in waits apart, for the services with booked tickets (none: no line). */
function bookedLines(r: PlanResult): string[] {
  return [...r.services, r.total]
    .filter((s) => s.booked.issued > 0)
    .map(
      (s) =>
        `Đặt lịch / booked ${s.code === '*' ? 'Tổng/all' : s.code}: ${s.booked.issued.toFixed(1)}/ngày/day, chờ/mean ${min(s.booked.meanWait)}, p90 ${min(s.booked.p90Wait)}; trực tiếp / walk-in ${s.walkIn.issued.toFixed(1)}/ngày/day, chờ/mean ${min(s.walkIn.meanWait)}, p90 ${min(s.walkIn.p90Wait)}`,
    );
}

function differenceTable(c: Comparison): string {
  const head = [
    'Dịch vụ/service',
    'A chờ/mean',
    'B chờ/mean',
    'Δ TB/mean',
    'Δ p90',
    `Δ ≤${c.a.targetMinutes}'`,
  ];
  const rows = c.difference
    .filter((d) => d.code === '*' || Math.abs(d.meanWait) >= 0.05 || Math.abs(d.withinTarget) >= 0.005)
    .map((d) => {
      const a = d.code === '*' ? c.a.total : c.a.services.find((s) => s.code === d.code)!;
      return [
        d.code === '*' ? 'Tổng/all' : d.code,
        min(a.meanWait),
        min(a.meanWait + d.meanWait),
        signed(d.meanWait),
        signed(d.p90Wait),
        Number.isFinite(d.withinTarget)
          ? `${d.withinTarget > 0 ? '+' : ''}${Math.round(d.withinTarget * 100)} đ/pt`
          : '–',
      ];
    });
  return [
    `== Khác biệt B − A / difference B − A (A: ${c.a.plan}; B: ${c.b.plan}); dịch vụ không đổi được ẩn / unchanged services hidden`,
    table([head, ...rows]),
  ].join('\n');
}

const DAY = ['', 'T2/Mon', 'T3/Tue', 'T4/Wed', 'T5/Thu', 'T6/Fri', 'T7/Sat', 'CN/Sun'];

function weekTable(
  w: { days: WeekRow[]; week: { a: WeekTotal; b: WeekTotal | null } },
  nameA: string,
  nameB: string | null,
  options: SimOptions,
): string {
  const t = `≤${options.targetMinutes}'`;
  const head = ['Thứ/day', 'Phát/issued', 'A chờ/mean', `A ${t}`];
  if (nameB) head.push('B chờ/mean', `B ${t}`, 'Δ TB/mean');
  const row = (
    label: string,
    a: { issued: number; meanWait: number; withinTarget: number },
    b: typeof a | null,
  ) => [
    label,
    a.issued.toFixed(0),
    min(a.meanWait),
    pct(a.withinTarget),
    ...(b ? [min(b.meanWait), pct(b.withinTarget), signed(b.meanWait - a.meanWait)] : []),
  ];
  return [
    `== Cả tuần / the week — A: ${nameA}${nameB ? `; B: ${nameB}` : ''}; ${options.replications} lần mỗi ngày / replications per day, seed ${options.seed} (phút/minutes)`,
    table([head, ...w.days.map((d) => row(DAY[d.weekday]!, d.a, d.b)), row('Tuần/week', w.week.a, w.week.b)]),
  ].join('\n');
}

/** Runs the CLI on `argv` (without node and the script); returns the exit code. */
export function runSimulateCli(argv: readonly string[], io: CliIo): number {
  try {
    let args;
    try {
      args = parseArgs({
        args: [...argv],
        options: {
          profile: { type: 'string' },
          'data-dir': { type: 'string' },
          weeks: { type: 'string' },
          plan: { type: 'string' },
          vs: { type: 'string' },
          'add-counters': { type: 'string' },
          booked: { type: 'string' },
          weekday: { type: 'string' },
          replications: { type: 'string' },
          seed: { type: 'string' },
          target: { type: 'string' },
          json: { type: 'boolean', default: false },
          week: { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      return refuse(`Tham số không hợp lệ (${(e as Error).message})\n${USAGE}`, 'invalid arguments');
    }
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    if (args.profile && args['data-dir'])
      refuse('Chọn --profile hoặc --data-dir, không cả hai', 'use --profile or --data-dir, not both');
    if (args.vs && args['add-counters'])
      refuse('Chọn --vs hoặc --add-counters, không cả hai', 'use --vs or --add-counters, not both');
    const options: SimOptions = {
      weekday: intOption(args.weekday, 'weekday', 1, 1, 7),
      replications: intOption(args.replications, 'replications', 30, 1, 10_000),
      seed: intOption(args.seed, 'seed', 1, 0, 2 ** 32 - 1),
      targetMinutes: intOption(args.target, 'target', 15, 1, 600),
    };
    const weeks = intOption(args.weeks, 'weeks', 8, 1, 104);

    let model: DayModel;
    let current: StaffingPlan;
    if (args['data-dir']) {
      const file = join(args['data-dir'], 'queue.db');
      if (!existsSync(file)) refuse(`Không thấy ${file}`, `no database at ${file}`);
      const db = openDatabase(file);
      try {
        const h = historyFromStore(new Store(db), { weeks, today: new Date() });
        if (h.tickets === 0)
          refuse(
            `Không có phiếu nào trong ${weeks} tuần qua: dùng --profile`,
            `no tickets in the last ${weeks} weeks: use --profile`,
          );
        model = h.model;
        current = h.plan;
      } finally {
        db.close();
      }
    } else {
      const parsed = parseProfile(readJson(args.profile ?? DEMO_PROFILE, 'hồ sơ/profile'));
      if (!parsed.ok)
        return refuse(
          `Hồ sơ không hợp lệ`,
          `invalid profile:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`,
        );
      model = modelFromProfile(parsed.profile);
      current = demoPlan();
    }
    const planA = args.plan ? readPlan(args.plan) : current;
    const changed = args.vs
      ? readPlan(args.vs)
      : args['add-counters']
        ? addCounters(planA, args['add-counters'])
        : null;
    const planB = args.booked ? withBookedShares(changed ?? planA, args.booked) : changed;

    if (args.week) {
      const w = compareWeek(model, planA, planB, options);
      io.out(
        args.json
          ? JSON.stringify({ model: model.name, source: model.source, ...w }, null, 2)
          : [`Mô hình / model: ${model.name}`, weekTable(w, planA.name, planB?.name ?? null, options)].join(
              '\n',
            ),
      );
      return 0;
    }
    if (planB) {
      const c = compare(model, planA, planB, options);
      io.out(
        args.json
          ? JSON.stringify({ model: model.name, source: model.source, ...c }, null, 2)
          : [
              `Mô hình / model: ${model.name}`,
              planTable(c.a),
              '',
              planTable(c.b),
              '',
              differenceTable(c),
            ].join('\n'),
      );
    } else {
      const r = runPlan(model, planA, options);
      io.out(
        args.json
          ? JSON.stringify({ model: model.name, source: model.source, a: r }, null, 2)
          : [`Mô hình / model: ${model.name}`, planTable(r)].join('\n'),
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof Refusal || e instanceof PlanError) {
      io.err(e.message);
      return 2;
    }
    io.err(`Lỗi / error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runSimulateCli(process.argv.slice(2), {
    out: (t) => console.log(t),
    err: (t) => console.error(t),
  });
}
