/**
 * A small seeded random source (splitmix32 seeding a mulberry32 stream), so a simulated day can be repeated
 * exactly: the same seed gives the same draws on every machine. Pure: no `Math.random`, no clock.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Exponential with the given mean (> 0). */
  exponential(mean: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Lognormal: exp(mu + sigma × N(0, 1)). */
  lognormal(mu: number, sigma: number): number;
  /** Poisson with mean `lambda` (≥ 0): Knuth for small means, a rounded normal approximation above 60. */
  poisson(lambda: number): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A new independent stream derived from this one (for per-plan or per-replication streams). */
  fork(salt: number): Random;
}

/** splitmix32 step: spreads nearby seeds (1, 2, 3 …) into unrelated mulberry32 states. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export function createRandom(seed: number): Random {
  let a = splitmix32(Math.floor(seed) >>> 0);
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const normal = (): number => {
    // 1 − u keeps the logarithm finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const random: Random = {
    next,
    normal,
    exponential: (mean) => -Math.log(1 - next()) * mean,
    lognormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
    poisson(lambda) {
      if (!(lambda > 0)) return 0;
      if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k += 1;
        p *= next();
      }
      return k;
    },
    int: (n) => Math.floor(next() * Math.max(0, Math.floor(n))),
    fork: (salt) => createRandom(splitmix32((next() * 4_294_967_296) ^ splitmix32(salt))),
  };
  return random;
}
