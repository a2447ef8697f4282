/**
 * Procedure search for kiosks and counters: diacritic-folding, prefix and typo tolerant, with everyday-word
 * synonyms and procedure codes. The whole catalogue (a few thousand names) is indexed in memory: folded name
 * tokens, a sorted vocabulary for prefix lookups and posting lists per term. Pure; no I/O.
 */
import { fold, tokens } from './text.js';

export { fold } from './text.js';

export interface SearchableProcedure {
  id: number;
  code: string;
  name: string;
  serviceId: number | null;
  field: string | null;
}

export interface SearchOptions {
  /** Only procedures of this service; null: only those mapped to no service. */
  serviceId?: number | null | undefined;
  limit: number;
}

export interface SearchHit {
  id: number;
  score: number;
}

export interface SearchIndex {
  search(q: string, options: SearchOptions): SearchHit[];
  /** A procedure moved to another service (or to none): cheaper than building the index again. */
  setService(id: number, serviceId: number | null): void;
  readonly size: number;
}

/**
 * Everyday words → wording used in official procedure names. Keys and values are plain Vietnamese (folded when
 * the index is built); an admin may replace or extend the table. A query containing a key is also searched with
 * the key replaced by each value.
 */
export const DEFAULT_SYNONYMS: Record<string, string[]> = {
  'bằng lái': ['giấy phép lái xe'],
  'sổ đỏ': ['giấy chứng nhận quyền sử dụng đất'],
  'sổ hồng': ['giấy chứng nhận quyền sở hữu', 'giấy chứng nhận quyền sử dụng đất'],
  'sao y': ['chứng thực bản sao'],
  'công chứng bản sao': ['chứng thực bản sao'],
  'làm hộ chiếu': ['cấp hộ chiếu phổ thông'],
  passport: ['hộ chiếu'],
  'giấy độc thân': ['xác nhận tình trạng hôn nhân'],
  'xác nhận độc thân': ['xác nhận tình trạng hôn nhân'],
  'sang tên': ['đăng ký biến động'],
  'khai sinh': ['đăng ký khai sinh'],
  'khai tử': ['đăng ký khai tử'],
  'giấy chứng tử': ['đăng ký khai tử'],
  'kết hôn': ['đăng ký kết hôn'],
  'giấy kết hôn': ['đăng ký kết hôn'],
  'đăng ký cưới': ['đăng ký kết hôn'],
  'giấy phép kinh doanh': ['đăng ký doanh nghiệp', 'đăng ký hộ kinh doanh'],
  'đăng ký kinh doanh': ['đăng ký doanh nghiệp', 'đăng ký hộ kinh doanh'],
  'mở công ty': ['đăng ký thành lập doanh nghiệp'],
  'thành lập công ty': ['đăng ký thành lập doanh nghiệp'],
  cccd: ['căn cước'],
  cmnd: ['căn cước'],
  'chứng minh nhân dân': ['căn cước'],
  lltp: ['lý lịch tư pháp'],
  bhyt: ['bảo hiểm y tế'],
  bhxh: ['bảo hiểm xã hội'],
  'hộ khẩu': ['đăng ký thường trú'],
  'biển số xe': ['đăng ký xe'],
  'xin phép xây nhà': ['giấy phép xây dựng'],
  'xây nhà': ['giấy phép xây dựng'],
};

/** Weight of a match in the field ("lĩnh vực") relative to one in the name. */
const FIELD_WEIGHT = 0.35;
/** Bonus of a query rewritten through the synonym table: the citizen's words were understood. */
const SYNONYM_BONUS = 0.5;
const MAX_QUERY_TOKENS = 12;
const MAX_VARIANTS = 8;

interface Doc {
  id: number;
  serviceId: number | null;
  name: string;
  code: string;
  /** Code without dots, lowercase: "1000894". */
  compactCode: string;
  /** Folded name tokens as vocabulary ids, in order. */
  nameIds: Int32Array;
}

const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/** Optimal-string-alignment distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const big = n + 1 > rows[0].length;
  let prev2 = big ? new Int32Array(n + 1) : rows[0];
  let prev = big ? new Int32Array(n + 1) : rows[1];
  let cur = big ? new Int32Array(n + 1) : rows[2];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Lowercase NFC tokens with diacritics kept, aligned with the folded tokens of the same text. */
function accentedTokens(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

const isCodeLike = (compact: string) => /^\d[\d.]*[0-9a-z.]*$/.test(compact) && /^\d\.?\d/.test(compact);

/**
 * Builds the index. `synonyms` defaults to {@link DEFAULT_SYNONYMS}; pass `{}` to search literally.
 */
export function createSearchIndex(
  procedures: readonly SearchableProcedure[],
  synonyms: Record<string, string[]> = DEFAULT_SYNONYMS,
): SearchIndex {
  const prepared = procedures.map((p) => {
    const name = p.name.normalize('NFC');
    return {
      p,
      name,
      nameTokens: tokens(fold(name)),
      fieldTokens: p.field === null ? [] : tokens(fold(p.field)),
    };
  });
  const vocabulary = [
    ...new Set(prepared.flatMap(({ nameTokens, fieldTokens }) => [...nameTokens, ...fieldTokens])),
  ].sort();
  const termId = new Map(vocabulary.map((t, i) => [t, i] as const));
  const nameDocs: number[][] = vocabulary.map(() => []);
  const fieldDocs: number[][] = vocabulary.map(() => []);
  /** Accented token → docs whose name has it (to prefer "sổ" over "số" when the query has diacritics). */
  const accented = new Map<string, Set<number>>();

  const docs: Doc[] = prepared.map(({ p, name, nameTokens, fieldTokens }, index) => {
    const nameIds = Int32Array.from(nameTokens, (t) => termId.get(t)!);
    for (const id of new Set(nameIds)) nameDocs[id]!.push(index);
    for (const t of new Set(fieldTokens)) fieldDocs[termId.get(t)!]!.push(index);
    for (const t of new Set(accentedTokens(name))) {
      let set = accented.get(t);
      if (set === undefined) accented.set(t, (set = new Set()));
      set.add(index);
    }
    return {
      id: p.id,
      serviceId: p.serviceId,
      name,
      code: p.code,
      compactCode: fold(p.code).replace(/[^0-9a-z]/g, ''),
      nameIds,
    };
  });
  const total = Math.max(docs.length, 1);
  const maxIdf = Math.log(1 + total);
  /** 0.5 … 1: rarer terms weigh more. */
  const weight = Float64Array.from(
    nameDocs,
    (ds) => 0.5 + (0.5 * Math.log(1 + total / Math.max(ds.length, 1))) / maxIdf,
  );

  /** Listing order for an empty query: by service, then name (Vietnamese collation). */
  const collator = new Intl.Collator('vi');
  const listed = (a: number, b: number) => {
    const da = docs[a]!;
    const db = docs[b]!;
    const sa = da.serviceId ?? Number.MAX_SAFE_INTEGER;
    const sb = db.serviceId ?? Number.MAX_SAFE_INTEGER;
    return sa - sb || collator.compare(da.name, db.name) || cmp(da.code, db.code);
  };
  const listing = docs.map((_, i) => i).sort(listed);
  const docById = new Map(docs.map((d, i) => [d.id, i] as const));
  const byCode = docs.map((_, i) => i).sort((a, b) => cmp(docs[a]!.compactCode, docs[b]!.compactCode));
  const sortedCodes = byCode.map((d) => docs[d]!.compactCode);

  const synonymList = Object.entries(synonyms)
    .map(([key, values]) => ({
      key: tokens(fold(key)),
      values: values.map((v) => tokens(fold(v))).filter((v) => v.length > 0),
    }))
    .filter((s) => s.key.length > 0 && s.values.length > 0)
    // Longer keys first, so a phrase wins over its parts.
    .sort((a, b) => b.key.length - a.key.length);

  /** Vocabulary ids a query token matches, with a match quality in (0, 1]. */
  function expandToken(token: string, isLast: boolean): Map<number, number> {
    const found = new Map<number, number>();
    const exact = termId.get(token);
    if (exact !== undefined) found.set(exact, 1);
    if (token.length >= 2 || isLast) {
      for (let i = lowerBound(vocabulary, token); i < vocabulary.length; i++) {
        const term = vocabulary[i]!;
        if (!term.startsWith(token)) break;
        if (i === exact) continue;
        // The last token is often still being typed: a prefix of it is nearly as good as the word.
        found.set(i, (isLast ? 0.8 : 0.65) + 0.15 * (token.length / term.length));
      }
    }
    if (found.size === 0 && token.length >= 3 && !/^\d+$/.test(token)) {
      const max = token.length >= 7 ? 2 : 1;
      vocabulary.forEach((term, i) => {
        const d = editDistance(token, term, max);
        if (d <= max) found.set(i, d === 1 ? 0.6 : 0.45);
      });
    }
    return found;
  }

  /** The query, and the query rewritten through the synonym table. */
  function variants(queryTokens: string[]): { tokens: string[]; synonym: boolean }[] {
    const out = [{ tokens: queryTokens, synonym: false }];
    for (const { key, values } of synonymList) {
      for (let start = 0; start + key.length <= queryTokens.length; start++) {
        if (!key.every((k, j) => queryTokens[start + j] === k)) continue;
        for (const value of values) {
          const rewritten = [
            ...queryTokens.slice(0, start),
            ...value,
            ...queryTokens.slice(start + key.length),
          ];
          out.push({ tokens: [...new Set(rewritten)].slice(0, MAX_QUERY_TOKENS), synonym: true });
          if (out.length >= MAX_VARIANTS) return out;
        }
        break;
      }
    }
    return out;
  }

  function scoreVariant(
    queryTokens: string[],
    accentedQuery: Map<string, number>,
    serviceId: number | null | undefined,
    bonus: number,
    scores: Scores,
  ): void {
    const k = queryTokens.length;
    const n = docs.length;
    const nameBest = queryTokens.map(() => new Float32Array(n));
    const fieldBest = queryTokens.map(() => new Float32Array(n));
    /** Bit i set: the term matches query token i. */
    const mask = new Uint16Array(vocabulary.length);
    const touched: number[] = [];
    const seen = new Uint8Array(n);
    const touch = (d: number) => {
      if (seen[d] === 0) {
        seen[d] = 1;
        touched.push(d);
      }
    };

    queryTokens.forEach((token, i) => {
      const nb = nameBest[i]!;
      const fb = fieldBest[i]!;
      for (const [t, quality] of expandToken(token, i === k - 1)) {
        mask[t]! |= 1 << i;
        const w = quality * weight[t]!;
        for (const d of nameDocs[t]!) {
          if (w > nb[d]!) nb[d] = w;
          touch(d);
        }
        const wf = w * FIELD_WEIGHT;
        for (const d of fieldDocs[t]!) {
          if (wf > fb[d]!) fb[d] = wf;
          touch(d);
        }
      }
    });

    const minMatched = k >= 2 ? Math.ceil(k / 2) : 1;
    const pairBits = (1 << Math.max(k - 1, 0)) - 1;
    for (const d of touched) {
      const doc = docs[d]!;
      if (serviceId !== undefined && doc.serviceId !== serviceId) continue;
      let matched = 0;
      let inName = 0;
      let sum = 0;
      for (let i = 0; i < k; i++) {
        const nv = nameBest[i]![d]!;
        const fv = fieldBest[i]![d]!;
        if (nv > 0) inName++;
        if (nv > 0 || fv > 0) matched++;
        sum += nv > fv ? nv : fv;
      }
      if (matched < minMatched) continue;

      let score = (2 * sum) / k + (2 * matched) / k + (matched === k ? 2 : 0) + (inName === k ? 0.5 : 0);

      if (inName > 0) {
        // Phrase: consecutive query tokens next to each other, in order, in the name; and an early first match.
        const ids = doc.nameIds;
        let adjacentBits = 0;
        let first = -1;
        for (let p = 0; p < ids.length; p++) {
          const m = mask[ids[p]!]!;
          if (m === 0) continue;
          if (first < 0) first = p;
          if (p + 1 < ids.length) adjacentBits |= m & (mask[ids[p + 1]!]! >> 1);
        }
        adjacentBits &= pairBits;
        let adjacent = 0;
        for (; adjacentBits !== 0; adjacentBits &= adjacentBits - 1) adjacent++;
        if (k > 1) score += (1.5 * adjacent) / (k - 1);
        if (first >= 0 && first <= 2) score += 0.3 - 0.1 * first;
      }

      // Diacritics typed by the user and matching exactly ("sổ" rather than "số").
      if (accentedQuery.size > 0) {
        let accentHits = 0;
        for (const [t, count] of accentedQuery) if (accented.get(t)?.has(d)) accentHits += count;
        score += (0.3 * accentHits) / k;
      }

      // Shorter names slightly preferred: the query covers more of them.
      score += 0.8 / (1 + doc.nameIds.length / 6) + bonus;

      scores.offer(d, score);
    }
  }

  function searchCodes(compact: string, serviceId: number | null | undefined, limit: number, scores: Scores) {
    let found = 0;
    for (let i = lowerBound(sortedCodes, compact); i < byCode.length; i++) {
      const d = byCode[i]!;
      const doc = docs[d]!;
      if (!doc.compactCode.startsWith(compact)) break;
      if (serviceId !== undefined && doc.serviceId !== serviceId) continue;
      // Exact code first, then the codes it begins: shortest first, then in code order.
      const rest = Math.min(doc.compactCode.length - compact.length, 40);
      scores.offer(d, doc.compactCode === compact ? 100 : 50 - rest / 2 - found / 1000);
      if (++found >= limit) break;
    }
  }

  return {
    size: docs.length,
    setService(id: number, serviceId: number | null): void {
      const d = docById.get(id);
      if (d === undefined || docs[d]!.serviceId === serviceId) return;
      listing.splice(listing.indexOf(d), 1);
      docs[d]!.serviceId = serviceId;
      // Back into the listing at its place (binary search: the rest stays sorted).
      let lo = 0;
      let hi = listing.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (listed(listing[mid]!, d) < 0) lo = mid + 1;
        else hi = mid;
      }
      listing.splice(lo, 0, d);
    },
    search(q: string, { serviceId, limit }: SearchOptions): SearchHit[] {
      const max = Math.max(0, Math.floor(limit));
      const folded = fold(q).trim();
      if (folded === '') {
        const out: SearchHit[] = [];
        for (const d of listing) {
          if (out.length >= max) break;
          const doc = docs[d]!;
          if (serviceId === undefined || doc.serviceId === serviceId) out.push({ id: doc.id, score: 0 });
        }
        return out;
      }
      const scores = new Scores(docs.length);
      const compact = folded.replace(/\s+/g, '');
      if (compact.length >= 2 && isCodeLike(compact)) {
        searchCodes(compact.replace(/\./g, ''), serviceId, max, scores);
      }
      const queryTokens = [...new Set(tokens(folded))].slice(0, MAX_QUERY_TOKENS);
      if (queryTokens.length > 0 && !(scores.size > 0 && /^[\d.]+$/.test(compact))) {
        const accentedQuery = new Map<string, number>();
        for (const t of accentedTokens(q)) {
          if (fold(t) !== t) accentedQuery.set(t, (accentedQuery.get(t) ?? 0) + 1);
        }
        for (const variant of variants(queryTokens)) {
          scoreVariant(
            variant.tokens,
            variant.synonym ? new Map() : accentedQuery,
            serviceId,
            variant.synonym ? SYNONYM_BONUS : 0,
            scores,
          );
        }
      }
      return scores
        .top(
          max,
          (a, b) => docs[a]!.nameIds.length - docs[b]!.nameIds.length || cmp(docs[a]!.code, docs[b]!.code),
        )
        .map(([d, score]) => ({ id: docs[d]!.id, score: Math.round(score * 1000) / 1000 }));
    },
  };
}

/** Best score per doc, kept in a flat array; `top` selects the best without sorting every hit. */
class Scores {
  private readonly best: Float64Array;
  private readonly hits: number[] = [];

  constructor(n: number) {
    this.best = new Float64Array(n).fill(-Infinity);
  }

  get size(): number {
    return this.hits.length;
  }

  offer(doc: number, score: number): void {
    const prev = this.best[doc]!;
    if (prev === -Infinity) this.hits.push(doc);
    if (score > prev) this.best[doc] = score;
  }

  /** The `limit` best hits, by score, then by `tie`. */
  top(limit: number, tie: (a: number, b: number) => number): [number, number][] {
    if (limit <= 0 || this.hits.length === 0) return [];
    let candidates = this.hits;
    if (candidates.length > limit) {
      // The limit-th best score (native numeric sort), then only hits at or above it are sorted.
      const sorted = Float64Array.from(candidates, (d) => this.best[d]!).sort();
      const threshold = sorted[sorted.length - limit]!;
      candidates = candidates.filter((d) => this.best[d]! >= threshold);
    }
    return candidates
      .sort((a, b) => this.best[b]! - this.best[a]! || tie(a, b))
      .slice(0, limit)
      .map((d) => [d, this.best[d]!]);
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
