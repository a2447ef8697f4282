import { MonoBitmap } from './bitmap.js';

/** A closed outline as path commands in pixel space, y growing downwards (what opentype.js returns). */
export interface OutlineCommand {
  type: 'M' | 'L' | 'Q' | 'C' | 'Z';
  x?: number;
  y?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  dir: 1 | -1;
}

/** A glyph drawn into its own bitmap; `left`/`top` place it relative to the pen at the baseline. */
export interface RasterGlyph {
  bitmap: MonoBitmap;
  left: number;
  top: number;
}

const MAX_SEGMENTS = 24;

function segmentsFor(len: number): number {
  return Math.max(1, Math.min(MAX_SEGMENTS, Math.ceil(len / 2)));
}

/** Turns curves into straight edges (fixed subdivision → same output on every machine). */
export function flatten(commands: readonly OutlineCommand[]): Edge[] {
  const edges: Edge[] = [];
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  const line = (x0: number, y0: number, x1: number, y1: number): void => {
    if (y0 === y1) return;
    if (y0 < y1) edges.push({ x0, y0, x1, y1, dir: 1 });
    else edges.push({ x0: x1, y0: y1, x1: x0, y1: y0, dir: -1 });
  };
  /** Flattens a Bézier from the current point into `n` straight edges; `at(t, 1 − t)` gives its points. */
  const curve = (n: number, at: (t: number, u: number) => [number, number]): void => {
    let px = cx;
    let py = cy;
    for (let i = 1; i <= n; i++) {
      const t = i / n;
      const [nx, ny] = at(t, 1 - t);
      line(px, py, nx, ny);
      px = nx;
      py = ny;
    }
  };
  for (const c of commands) {
    const x = c.x ?? 0;
    const y = c.y ?? 0;
    switch (c.type) {
      case 'M':
        if (cx !== sx || cy !== sy) line(cx, cy, sx, sy);
        sx = cx = x;
        sy = cy = y;
        break;
      case 'L':
        line(cx, cy, x, y);
        cx = x;
        cy = y;
        break;
      case 'Q': {
        const qx = c.x1 ?? 0;
        const qy = c.y1 ?? 0;
        const n = segmentsFor(Math.hypot(qx - cx, qy - cy) + Math.hypot(x - qx, y - qy));
        curve(n, (t, u) => [
          u * u * cx + 2 * u * t * qx + t * t * x,
          u * u * cy + 2 * u * t * qy + t * t * y,
        ]);
        cx = x;
        cy = y;
        break;
      }
      case 'C': {
        const ax = c.x1 ?? 0;
        const ay = c.y1 ?? 0;
        const bx = c.x2 ?? 0;
        const by = c.y2 ?? 0;
        const n = segmentsFor(
          Math.hypot(ax - cx, ay - cy) + Math.hypot(bx - ax, by - ay) + Math.hypot(x - bx, y - by),
        );
        curve(n, (t, u) => [
          u * u * u * cx + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x,
          u * u * u * cy + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y,
        ]);
        cx = x;
        cy = y;
        break;
      }
      case 'Z':
        line(cx, cy, sx, sy);
        cx = sx;
        cy = sy;
        break;
    }
  }
  if (cx !== sx || cy !== sy) line(cx, cy, sx, sy);
  return edges;
}

/**
 * Scanline fill with the non-zero winding rule, sampling each dot at its centre. No anti-aliasing:
 * a thermal head burns a dot or it doesn't.
 */
export function rasterizeOutline(commands: readonly OutlineCommand[]): RasterGlyph {
  const edges = flatten(commands);
  if (edges.length === 0) return { bitmap: new MonoBitmap(1, 0), left: 0, top: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const e of edges) {
    minX = Math.min(minX, e.x0, e.x1);
    maxX = Math.max(maxX, e.x0, e.x1);
    minY = Math.min(minY, e.y0);
    maxY = Math.max(maxY, e.y1);
  }
  const left = Math.floor(minX);
  const top = Math.floor(minY);
  const width = Math.max(1, Math.ceil(maxX) - left + 1);
  const height = Math.max(0, Math.ceil(maxY) - top + 1);
  const bitmap = new MonoBitmap(width, height);
  edges.sort((a, b) => a.y0 - b.y0);
  const xs: number[] = [];
  const dirs: number[] = [];
  const order: number[] = [];
  let first = 0;
  for (let row = 0; row < height; row++) {
    const yc = top + row + 0.5;
    // Edges are sorted by their top; skip the leading ones that ended above this row.
    while (first < edges.length && (edges[first]?.y1 ?? 0) <= yc) first++;
    xs.length = 0;
    dirs.length = 0;
    for (let i = first; i < edges.length; i++) {
      const e = edges[i];
      if (!e) continue;
      if (e.y0 > yc) break;
      if (yc >= e.y1) continue;
      xs.push(e.x0 + ((yc - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0));
      dirs.push(e.dir);
    }
    if (xs.length < 2) continue;
    order.length = 0;
    for (let i = 0; i < xs.length; i++) order.push(i);
    order.sort((a, b) => (xs[a] ?? 0) - (xs[b] ?? 0));
    let winding = 0;
    for (let k = 0; k < order.length - 1; k++) {
      const i = order[k] ?? 0;
      winding += dirs[i] ?? 0;
      if (winding === 0) continue;
      const xa = xs[i] ?? 0;
      const xb = xs[order[k + 1] ?? 0] ?? 0;
      const from = Math.ceil(xa - 0.5) - left;
      const to = Math.ceil(xb - 0.5) - left;
      if (to > from) bitmap.hspan(row, from, to);
    }
  }
  return { bitmap, left, top };
}
