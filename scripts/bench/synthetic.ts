/**
 * Synthetic feeds for benchmarks, generated from the real Transiscope structures: the real records are
 * cycled with new ids (`synthetic--<n>`), coordinates jittered by up to ~1 km, and names varied by adding
 * a word taken from another real name. Deterministic (seeded), so runs are comparable.
 */
import type { Structure } from '../../packages/sdk/src/schema/structure.ts';

/** Small seeded PRNG (mulberry32), uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` synthetic structures made from `real` (which must not be empty). */
export function syntheticStructures(real: readonly Structure[], count: number, seed = 42): Structure[] {
  const random = prng(seed);
  const nameWords = [...new Set(real.flatMap((s) => s.name.split(/\s+/)).filter((w) => w.length >= 4))];
  const out: Structure[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const base = real[i % real.length]!;
    const s: Structure = {
      ...base,
      id: `synthetic--${i}`,
      provenance: base.provenance.map((p) => ({ ...p, localId: String(i) })),
    };
    if (i >= real.length) {
      s.name = `${base.name} ${nameWords[Math.floor(random() * nameWords.length)]}`.slice(0, 300);
      if (base.geo) {
        const lat = base.geo.lat + (random() - 0.5) * 0.02;
        const lon = base.geo.lon + (random() - 0.5) * 0.03;
        s.geo = { lat: Math.max(-90, Math.min(90, lat)), lon: Math.max(-180, Math.min(180, lon)) };
      }
    }
    out[i] = s;
  }
  return out;
}
