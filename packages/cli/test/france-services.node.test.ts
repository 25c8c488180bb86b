/**
 * France services end to end: the real ANCT list of 2024-08-01 (data/sources/france-services, 2,845 rows,
 * one hours column per weekday, the labellisation date inside a sentence, several e-mails in one cell,
 * shared locations) built into a feed with its mapping (france-services.mapping.json). The expectations
 * are computed from the CSV itself, read here with papaparse, not written by hand.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Structure } from '@essaim/sdk';
import { expect } from 'chai';
import OpeningHours from 'opening_hours';
import Papa from 'papaparse';
import { buildFeed, type BuildResult } from '../src/build/pipeline.ts';
import { FRANCE_SERVICES_CSV, FRANCE_SERVICES_DIR, franceServicesConfig } from './helpers/france-services.ts';

const CSV = FRANCE_SERVICES_CSV;
const text = readFileSync(CSV, 'utf8');
const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
const rows = parsed.data;
const header = parsed.meta.fields!;

const dirs: string[] = [];
async function build(merge: boolean): Promise<{ result: BuildResult; structures: Structure[] }> {
  dirs.push(mkdtempSync(join(tmpdir(), 'essaim-fs-')));
  const result = await buildFeed(franceServicesConfig(dirs.at(-1)!, merge), {
    outDir: join(dirs.at(-1)!, 'feed'),
    cwd: dirs.at(-1)!,
  });
  const structures = JSON.parse(readFileSync(join(result.outDir, 'structures.json'), 'utf8')) as Structure[];
  return { result, structures };
}

const WEEK: Record<string, number> = {
  h_lundi: 1,
  h_mardi: 2,
  h_mercredi: 3,
  h_jeudi: 4,
  h_vendredi: 5,
  h_samedi: 6,
};
/** 2024-09-02 is a Monday: the date of weekday `d` (1 = Monday) at hh:mm, local time. */
const at = (d: number, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(2024, 8, 1 + d, h, m);
};

describe('france-services: the real ANCT list built end to end', function () {
  this.timeout(120_000);
  let off: { result: BuildResult; structures: Structure[] };
  before(async () => {
    off = await build(false);
  });
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('accounts for every row: all 2,845 ids in the feed (merging off), shared locations kept apart', () => {
    expect(rows.length).to.equal(2845);
    const ids = new Set(off.structures.map((s) => s.id));
    for (const r of rows) expect(ids.has(`france-services--${r.id_fs}`), r.id_fs).to.equal(true);
    const src = off.result.report.sources[0]!;
    expect(src.received).to.equal(rows.length);
    expect(src.accepted).to.equal(rows.length);
    // A fixed site and its bus at one point (SOURCE.txt, defect 4): two records.
    for (const pair of [
      ['47', '1995'],
      ['203', '2742'],
    ]) {
      const [a, b] = pair.map((id) => off.structures.find((s) => s.id === `france-services--${id}`)!);
      expect(a!.geo).to.deep.equal(b!.geo);
      expect(a!.id).to.not.equal(b!.id);
    }
  });

  it('with merging on, every id is still in the feed or named in a merge (received = accepted + merged)', async () => {
    const on = await build(true);
    const src = on.result.report.sources[0]!;
    expect(src.received).to.equal(rows.length);
    expect(src.accepted + src.merged + src.rejected).to.equal(rows.length);
    const present = new Set(on.structures.map((s) => s.id));
    for (const m of on.result.report.merges) for (const id of m.merged) present.add(id);
    for (const r of rows) expect(present.has(`france-services--${r.id_fs}`), r.id_fs).to.equal(true);
  });

  it('turns the weekday columns into opening_hours that open and close as the CSV says', () => {
    const byId = new Map(off.structures.map((s) => [s.provenance[0]!.localId ?? '', s]));
    let checked = 0;
    for (const r of rows) {
      const s = byId.get(r.id_fs!)!;
      const cells = Object.keys(WEEK).filter((k) => r[k]!.trim());
      if (!cells.length) {
        expect(s.openingHours, r.id_fs).to.equal(undefined);
        continue;
      }
      expect(s.openingHours, r.id_fs).to.be.a('string');
      expect(s.openingHours).to.match(/\b(?:Mo|Tu|We|Th|Fr|Sa)\b/);
      const oh = new OpeningHours(s.openingHours!, null, { tag_key: 'opening_hours' } as never);
      for (const [column, day] of Object.entries(WEEK)) {
        // "00:00 - 00:00" is the form's empty slot (read as closed, with a warning).
        const slots = [...r[column]!.matchAll(/(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})/g)].filter(
          ([, from, to]) => !(from === '00:00' && to === '00:00'),
        );
        if (!slots.length) expect(oh.getState(at(day, '11:00')), `${r.id_fs} ${column}`).to.equal(false);
        // Open at each slot's start, closed at its end unless another slot covers it (slots may overlap).
        const covered = (t: string) => slots.some(([, from, to]) => from! <= t && t < to!);
        for (const [, from, to] of slots) {
          expect(oh.getState(at(day, from!)), `${r.id_fs} ${column} ${from}`).to.equal(true);
          expect(oh.getState(at(day, to!)), `${r.id_fs} ${column} ${to}`).to.equal(covered(to!));
        }
      }
      checked++;
    }
    expect(checked).to.be.greaterThan(2700);
    const withEmptySlot = rows.filter((r) => Object.keys(WEEK).some((k) => r[k]!.includes('00:00 - 00:00')));
    const w = off.result.report.sources[0]!.warnings.find((x) => x.code === 'opening-hours-empty-slot');
    expect(w?.count ?? 0).to.equal(withEmptySlot.length);
  });

  it('reads the labellisation date inside "Espace labellisé 01/02/2020"', () => {
    const byId = new Map(off.structures.map((s) => [s.provenance[0]!.localId ?? '', s]));
    for (const r of rows) {
      const [, d, m, y] = /(\d{2})\/(\d{2})\/(\d{4})/.exec(r.labellisation_fs!)!;
      expect(byId.get(r.id_fs!)!.createdAt, r.id_fs).to.equal(`${y}-${m}-${d}`);
      expect(byId.get(r.id_fs!)!.updatedAt).to.equal('2024-08-01');
    }
  });

  it('keeps the first of several e-mails and reports the others', () => {
    const multi = rows.filter((r) => r.mail!.includes(' - '));
    expect(multi.length).to.equal(2);
    const w = off.result.report.sources[0]!.warnings.find((x) => x.code === 'extra-values-dropped')!;
    expect(w.count).to.equal(multi.length);
    expect(w.fields).to.deep.equal(['contacts.email']);
    for (const r of multi) {
      const [first, ...rest] = r.mail!.split(' - ');
      const s = off.structures.find((x) => x.id === `france-services--${r.id_fs}`)!;
      expect(s.contacts?.email).to.equal(first);
      // The example names the record, the field, the source value as written and what was done.
      const example = w.examples.find((e) => e.localId === r.id_fs)!;
      expect(example.field).to.equal('contacts.email');
      expect(example.value).to.equal(r.mail);
      for (const other of rest) expect(example.fr).to.include(other);
    }
  });

  it('the field report lists every column with its count of values and its fate', () => {
    const fields = off.result.report.sources[0]!.fields!;
    expect(fields.columns.map((c) => c.name)).to.deep.equal(header);
    for (const c of fields.columns) {
      expect(c.nonEmpty, c.name).to.equal(rows.filter((r) => r[c.name]!.trim() !== '').length);
    }
    const mapping = JSON.parse(
      readFileSync(join(FRANCE_SERVICES_DIR, 'france-services.mapping.json'), 'utf8'),
    );
    const mapped = JSON.stringify(mapping.fields) + JSON.stringify(mapping.id);
    expect(fields.unused).to.deep.equal(header.filter((h) => !mapped.includes(`"${h}"`)));
    expect(fields.unused).to.deep.equal(['insee_dep']);
  });
});
