/**
 * Bitsets of record numbers: one bit per record in a `Uint32Array` (record `d` is bit `d & 31` of word
 * `d >>> 5`).
 *
 * @module
 */

/** Number of set bits of a 32-bit word. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of records in `b`. */
export function popcount(b: Uint32Array): number {
  let c = 0;
  for (let i = 0; i < b.length; i++) {
    const w = b[i]!;
    if (w !== 0) c += popcount32(w);
  }
  return c;
}

/** Number of records in both `a` and `b`. */
export function popcountAnd(a: Uint32Array, b: Uint32Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const w = a[i]! & b[i]!;
    if (w !== 0) c += popcount32(w);
  }
  return c;
}

/** a ∧ b into a new bitset; `null` stands for "every record". */
export function and(a: Uint32Array | null, b: Uint32Array | null): Uint32Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** Whether record `d` is in `b`. */
export function has(b: Uint32Array, d: number): boolean {
  return (b[d >>> 5]! & (1 << (d & 31))) !== 0;
}

/** Adds record `d` to `b`. */
export function setBit(b: Uint32Array, d: number): void {
  b[d >>> 5]! |= 1 << (d & 31);
}

/** Calls `f` for each record of bitset `b`, ascending. */
export function forEachBit(b: Uint32Array, f: (d: number) => void): void {
  for (let i = 0; i < b.length; i++) {
    let w = b[i]!;
    while (w !== 0) {
      const t = w & -w;
      w ^= t;
      f((i << 5) | (31 - Math.clz32(t)));
    }
  }
}
