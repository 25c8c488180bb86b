/**
 * The compact week of opening hours (normalize/opening-hours-week.ts) against the `opening_hours`
 * library it replaces in the browser: for every value of the dev feed (data/feed), of France services
 * built through the CLI (data/sources/france-services) and of a fixture of usual OSM forms, either the
 * value has no compact week (flagged at build time), or the SDK's `openingState` says what the library
 * says — open / closed / unknown, the comment, and the next change — at instants spread over a whole
 * year that is outside the two years the build compares (so the week is not merely memorised).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type OpeningHoursWeek, offsetMinutes, openingState, type Structure } from '@essaim/sdk';
import { expect } from 'chai';
import OpeningHours from 'opening_hours';
import { buildFeed } from '../src/build/pipeline.ts';
import { openingHoursWeekOf } from '../src/normalize/opening-hours-week.ts';
import { ROOT } from './helpers/context.ts';
import { franceServicesConfig } from './helpers/france-services.ts';

const WHERE = { lat: 46.6, lon: 1.9, address: { country_code: 'fr', state: '' } };
const PARIS = 'Europe/Paris';
const HOUR = 3_600_000;
const instantToWall = (ms: number, zone: string) => ms + offsetMinutes(ms, zone) * 60_000;

/** The same wall-clock time in this process's zone (what the library reads), or undefined in a gap. */
function localDate(ms: number): Date | undefined {
  const w = new Date(instantToWall(ms, PARIS));
  const d = new Date(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes());
  return d.getHours() === w.getUTCHours() && d.getMinutes() === w.getUTCMinutes() ? d : undefined;
}
const wallOf = (d: Date) =>
  Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes());

/** Compares at `count` instants, `step` apart, from 2029-03-01 (Paris); returns how many were compared. */
function compare(
  value: string,
  week: OpeningHoursWeek,
  count = 700,
  step = 12.5 * HOUR + 7 * 60_000,
): number {
  const oh = new OpeningHours(value, WHERE as never, { mode: 0, tag_key: 'opening_hours' } as never);
  let compared = 0;
  const start = Date.UTC(2029, 1, 28, 23, 0);
  for (let i = 0; i < count; i++) {
    const ms = start + i * step;
    const local = localDate(ms);
    if (!local) continue;
    const got = openingState(week, ms);
    const status = oh.getUnknown(local) ? 'unknown' : oh.getState(local) ? 'open' : 'closed';
    const what = `${value} @ ${local.toString()}`;
    expect(got.status, what).to.equal(status);
    const comment = oh.getComment(local);
    if (status !== 'closed') {
      expect(got.comment, what).to.equal(comment && value.includes(comment) ? comment : undefined);
    }
    // The next change within the week: the library's, as a wall time, unless it only renames a holiday.
    const next = oh.getNextChange(local, new Date(local.getTime() + 7 * 24 * HOUR));
    if (next && got.next && !(oh.getComment(next) && !value.includes(oh.getComment(next)!))) {
      expect(instantToWall(got.next.at, PARIS), `${what}: next change`).to.equal(wallOf(next));
    } else if (!next) {
      expect(got.next === undefined || got.next.at - ms >= 7 * 24 * HOUR, `${what}: no change`).to.equal(
        true,
      );
    }
    compared++;
  }
  return compared;
}

describe('opening hours: the compact week against the opening_hours library', () => {
  it('usual OSM forms: a week exactly for the weekly ones, and it says what the library says', () => {
    const fixture = JSON.parse(
      readFileSync(resolve(ROOT, 'packages/cli/test/fixtures/osm-opening-hours.json'), 'utf8'),
    ) as { values: Array<{ value: string; weekly: boolean }> };
    for (const { value, weekly } of fixture.values) {
      const r = openingHoursWeekOf(value);
      expect('week' in r, value).to.equal(weekly);
      if ('week' in r) expect(compare(value, r.week), value).to.be.greaterThan(600);
    }
  });

  it('the dev feed: every openingHours value', () => {
    const values = new Set<string>();
    for (const part of ['structures', 'services']) {
      const records = JSON.parse(readFileSync(resolve(ROOT, `data/feed/${part}.json`), 'utf8')) as Array<{
        openingHours?: string;
      }>;
      for (const r of records) if (r.openingHours) values.add(r.openingHours);
    }
    expect(values.size).to.be.greaterThan(100);
    let weekly = 0;
    for (const value of values) {
      const r = openingHoursWeekOf(value);
      if (!('week' in r)) continue;
      weekly++;
      compare(value, r.week, 200, 43.7 * HOUR);
    }
    expect(weekly).to.be.greaterThan(values.size * 0.9);
  });

  describe('France services built through the CLI', () => {
    let dir: string;
    let structures: Structure[];
    before(async function () {
      this.timeout(120_000);
      dir = mkdtempSync(join(tmpdir(), 'essaim-oh-'));
      const loaded = franceServicesConfig(dir, false);
      const result = await buildFeed(loaded, { outDir: join(dir, 'feed'), cwd: dir });
      structures = JSON.parse(readFileSync(join(result.outDir, 'structures.json'), 'utf8')) as Structure[];
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('every record with weekly hours carries the week, and it says what the library says', () => {
      const seen = new Set<string>();
      let withWeek = 0;
      for (const s of structures) {
        if (!s.openingHours) {
          expect(s.openingHoursWeek, s.id).to.equal(undefined);
          continue;
        }
        const r = openingHoursWeekOf(s.openingHours);
        expect(s.openingHoursWeek, s.id).to.deep.equal('week' in r ? r.week : undefined);
        if (!s.openingHoursWeek) continue;
        withWeek++;
        if (seen.has(s.openingHours)) continue;
        seen.add(s.openingHours);
        compare(s.openingHours, s.openingHoursWeek, 120, 73.3 * HOUR);
      }
      expect(withWeek).to.be.greaterThan(2000);
    });
  });
});
