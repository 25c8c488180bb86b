import { expect } from 'chai';
import { and, has, popcount, popcountAnd, popcount32, setBit } from '../src/core/bitset.ts';
import { addMonths } from '../src/agenda/calendar.ts';
import { addDays, isoWeekday, isValidDateKey } from '../src/core/dates.ts';
import { distanceKm, EARTH_RADIUS_KM } from '../src/core/geo.ts';
import { lowerBound } from '../src/core/sorted.ts';
import { TopK } from '../src/core/top-k.ts';
import * as sdk from '../src/index.ts';
import { distanceKm as placesDistanceKm } from '../src/places/index.ts';

/** A small deterministic pseudo-random sequence (synthetic numbers for the data-structure checks). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('core: one copy of each shared piece', () => {
  it('geo: one distanceKm on one Earth radius, the same from the root and from places', () => {
    const paris = { lat: 48.8566, lon: 2.3522 };
    const toulouse = { lat: 43.6045, lon: 1.4442 };
    expect(distanceKm(paris, toulouse)).to.be.within(585, 595);
    expect(sdk.distanceKm).to.equal(distanceKm);
    expect(placesDistanceKm).to.equal(distanceKm);
    expect(sdk.EARTH_RADIUS_KM).to.equal(EARTH_RADIUS_KM);
    // A quarter of a meridian.
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 90, lon: 0 })).to.be.closeTo(
      (Math.PI / 2) * EARTH_RADIUS_KM,
      1e-9,
    );
  });

  it('dates: civil-date arithmetic with no time zone', () => {
    expect(addDays('2026-03-28', 2)).to.equal('2026-03-30'); // across the switch to summer time in Paris
    expect(addDays('2026-03-01', -1)).to.equal('2026-02-28');
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2024-01-31', 1)).to.equal('2024-02-29');
    expect(addMonths('2026-03-15', -3)).to.equal('2025-12-15');
    expect(addMonths('2026-05-31', 12)).to.equal('2027-05-31');
    expect(isoWeekday('2026-03-01')).to.equal(7); // a Sunday
    expect(isoWeekday('2026-03-02')).to.equal(1);
    expect(isValidDateKey('2026-02-28')).to.equal(true);
    for (const bad of ['2026-02-30', '2026-13-01', '2026-3-1', '', undefined, 20260301, '2026-03-01T00:00'])
      expect(isValidDateKey(bad), String(bad)).to.equal(false);
  });

  it('sorted: lowerBound finds the first value not below, for strings and numbers', () => {
    const terms = ['abri', 'jardin', 'jardins', 'ressourcerie'];
    expect(lowerBound(terms, 'jardin')).to.equal(1);
    expect(lowerBound(terms, 'jardinz')).to.equal(3);
    expect(lowerBound(terms, 'a')).to.equal(0);
    expect(lowerBound(terms, 'z')).to.equal(4);
    const rnd = lcg(7);
    const numbers = Uint32Array.from({ length: 500 }, () => Math.floor(rnd() * 1000)).sort();
    for (let v = -1; v <= 1001; v += 7)
      expect(lowerBound(numbers, v)).to.equal(
        numbers.findIndex((x) => x >= v) === -1 ? 500 : numbers.findIndex((x) => x >= v),
      );
  });

  it('bitset: set, test, count, intersect', () => {
    const a = new Uint32Array(4);
    const b = new Uint32Array(4);
    for (const d of [0, 31, 32, 77, 127]) setBit(a, d);
    for (const d of [31, 77, 100]) setBit(b, d);
    expect(has(a, 77)).to.equal(true);
    expect(has(a, 78)).to.equal(false);
    expect(popcount(a)).to.equal(5);
    expect(popcountAnd(a, b)).to.equal(2);
    expect(popcount(and(a, b)!)).to.equal(2);
    expect(and(null, b)).to.equal(b);
    expect(popcount32(0xffffffff)).to.equal(32);
  });

  it('top-k: the k smallest keys, ties by record, as a full sort gives them', () => {
    const rnd = lcg(42);
    const keys = Array.from({ length: 2000 }, () => Math.floor(rnd() * 300));
    for (const k of [1, 10, 100, 2500]) {
      const top = new TopK(Math.min(k, keys.length));
      keys.forEach((key, d) => {
        top.push(d, key);
      });
      const expected = keys
        .map((key, d) => [key, d] as const)
        .sort((x, y) => x[0] - y[0] || x[1] - y[1])
        .slice(0, k)
        .map(([, d]) => d);
      expect(top.sorted(), `k=${k}`).to.deep.equal(expected);
    }
  });
});
