/**
 * A small deterministic PRNG (mulberry32): the same seed yields the same mailbox on every run and machine,
 * which is what makes seeded scenarios reproducible. Not for anything security-related.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  /** `n` distinct elements (or all, when fewer). */
  sample<T>(list: readonly T[], n: number): T[];
  /** Lower-case hex string of `bytes` random bytes. */
  hex(bytes: number): string;
}

export function createRng(seed: number): Rng {
  let state = (seed >>> 0) ^ 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T,
    chance: (p) => next() < p,
    sample: <T>(list: readonly T[], n: number) => {
      // Distinct random indices without copying the list: the lists are large (every contact) and n is small.
      const want = Math.min(n, list.length);
      const chosen = new Set<number>();
      while (chosen.size < want) chosen.add(Math.floor(next() * list.length));
      return [...chosen].map((i) => list[i] as T);
    },
    hex: (bytes) => {
      let out = '';
      for (let i = 0; i < bytes; i++) out += int(0, 255).toString(16).padStart(2, '0');
      return out;
    },
  };
}

/** A string of `n` random decimal digits (phone numbers, postal codes). */
export const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
