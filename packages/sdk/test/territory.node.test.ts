// territoryProfile on the embedded feed (data/feed), against counts computed here with plain loops over
// the raw JSON files, and populations summed from @etalab/decoupage-administratif's own communes.json
// (not from the places data the SDK encodes): two independent readings of the same sources.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { assembleFeed, type Feed } from '../src/feed.ts';
import * as places from '../src/places/index.ts';
import type { FeedManifest } from '../src/schema/feed.ts';
import { type TerritoryLevel, type TerritoryProfile, territoryProfile } from '../src/territory/profile.ts';
import { readRepoJson } from './helpers/files.ts';

interface RawCog {
  commune?: string;
  epci?: string;
  departement?: string;
  region?: string;
}
interface RawStructure {
  id: string;
  family: string;
  legalForms?: string[];
  themes?: string[];
  publics?: string[];
  networks?: string[];
  address?: { cog?: RawCog };
  geo?: unknown;
  provenance: { source: string }[];
  createdAt?: string;
  updatedAt?: string;
}
interface RawEvent {
  id: string;
  start?: string;
  occurrences?: { start: string }[];
  rrule?: string;
  place?: { address?: { cog?: RawCog } };
}
interface EtalabCommune {
  code: string;
  type: string;
  departement: string;
  region: string;
  population?: number;
}

const NOW = '2026-03-01T12:00:00+01:00';
const nowMs = Date.parse(NOW);
const YEAR_MS = 365.25 * 86_400_000;

let feed: Feed;
let raw: RawStructure[];
let rawEvents: RawEvent[];
let etalab: EtalabCommune[];
let epciMembersOf: Map<string, string[]>;

function countBy(list: RawStructure[], values: (s: RawStructure) => string[] | undefined) {
  const m: Record<string, number> = {};
  let none = 0;
  for (const s of list) {
    const v = values(s) ?? [];
    if (v.length === 0) none++;
    const seen: string[] = [];
    for (const x of v) {
      if (seen.includes(x)) continue;
      seen.push(x);
      m[x] = (m[x] ?? 0) + 1;
    }
  }
  return { m, none };
}
const asRecord = (items: readonly { id: string; count: number }[]) =>
  Object.fromEntries(items.map((i) => [i.id, i.count]));

function population(codes: string[]): number {
  let total = 0;
  for (const c of etalab)
    if (c.type === 'commune-actuelle' && codes.includes(c.code) && c.population) total += c.population;
  return total;
}

/** Every figure of the profile of a territory, recomputed from the raw files. */
function check(p: TerritoryProfile, level: TerritoryLevel, code: string, communeCodes: string[]) {
  const inside = raw.filter((s) => s.address?.cog?.[level] === code);
  expect(inside.length, 'the territory has records in the embedded feed').to.be.greaterThan(0);
  expect(p.territory.structures).to.equal(inside.length);
  expect(p.structureIds).to.deep.equal(inside.map((s) => s.id));

  const fam = countBy(inside, (s) => [s.family]);
  expect(asRecord(p.byFamily.items)).to.deep.equal(fam.m);
  const lf = countBy(inside, (s) => s.legalForms);
  expect(asRecord(p.byLegalForm.items)).to.deep.equal(lf.m);
  expect(p.byLegalForm.none).to.equal(lf.none);
  const th = countBy(inside, (s) => s.themes);
  expect(asRecord(p.byTheme.items)).to.deep.equal(th.m);
  expect(p.byTheme.none).to.equal(th.none);
  expect(asRecord(p.byPublic.items)).to.deep.equal(countBy(inside, (s) => s.publics).m);
  expect(asRecord(p.byNetwork.items)).to.deep.equal(countBy(inside, (s) => s.networks).m);

  // Population: the etalab file's communes of the territory.
  const pop = population(communeCodes);
  expect(pop).to.be.greaterThan(0);
  expect(p.territory.population).to.equal(pop);
  expect(p.territory.per10k).to.be.closeTo((inside.length * 10_000) / pop, 1e-9);
  expect(p.population?.year).to.equal(2023);

  // Coverage.
  const sources: Record<string, number> = {};
  for (const s of inside)
    for (const src of new Set(s.provenance.map((x) => x.source))) sources[src] = (sources[src] ?? 0) + 1;
  expect(asRecord(p.coverage.bySource)).to.deep.equal(sources);
  let updated = 0;
  let noGeo = 0;
  for (const s of inside) {
    const u = Date.parse(s.updatedAt ?? '');
    if (u >= nowMs - YEAR_MS && u <= nowMs) updated++;
    if (!s.geo) noGeo++;
  }
  expect(p.coverage.updatedLast12Months).to.equal(updated);
  expect(p.coverage.withoutCoordinates).to.equal(noGeo);
  expect(p.coverage.feedWithoutCode).to.equal(raw.filter((s) => !s.address?.cog?.[level]).length);
  expect(p.coverage.feedTotal).to.equal(raw.length);
  expect(p.coverage.sources.map((s) => s.id).sort()).to.deep.equal(Object.keys(sources).sort());

  // Record years (createdAt).
  const years: Record<number, number> = {};
  for (const s of inside)
    if (s.createdAt)
      years[Number(s.createdAt.slice(0, 4))] = (years[Number(s.createdAt.slice(0, 4))] ?? 0) + 1;
  expect(Object.fromEntries(p.recordYears.items.map((y) => [y.year, y.count]))).to.deep.equal(years);
  expect(p.recordYears.unknown).to.equal(inside.filter((s) => !s.createdAt).length);

  // Events: those whose explicit dates (none of the feed's events has a rule) start in each window.
  let past = 0;
  let next = 0;
  let pastOcc = 0;
  let nextOcc = 0;
  for (const e of rawEvents) {
    if (e.place?.address?.cog?.[level] !== code) continue;
    expect(e.rrule, 'the oracle reads explicit dates only').to.equal(undefined);
    const starts = (e.occurrences?.length ? e.occurrences.map((o) => o.start) : [e.start!]).map(Date.parse);
    const a = starts.filter((s) => s >= nowMs - YEAR_MS && s < nowMs).length;
    const b = starts.filter((s) => s >= nowMs && s < nowMs + YEAR_MS).length;
    pastOcc += a;
    nextOcc += b;
    if (a) past++;
    if (b) next++;
  }
  expect(p.events.past).to.deep.equal({ events: past, occurrences: pastOcc });
  expect(p.events.next).to.deep.equal({ events: next, occurrences: nextOcc });
  return inside;
}

describe('territoryProfile (embedded feed)', () => {
  before(async () => {
    const [manifest, structures, events, taxonomy] = await Promise.all([
      readRepoJson<FeedManifest>('data/feed/manifest.json'),
      readRepoJson<unknown[]>('data/feed/structures.json'),
      readRepoJson<unknown[]>('data/feed/events.json'),
      readRepoJson<unknown>('data/feed/taxonomy.json'),
    ]);
    feed = assembleFeed(manifest, { structures, events, taxonomy });
    raw = structures as RawStructure[];
    rawEvents = events as RawEvent[];
    expect(feed.structures.length, 'every record of the embedded feed is valid').to.equal(raw.length);
    const dir = createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/package.json');
    const read = async <T>(name: string) =>
      JSON.parse(
        await readFile(new URL(`data/${name}`, `file://${dir.replace(/package\.json$/, '')}`), 'utf8'),
      ) as T;
    etalab = await read<EtalabCommune[]>('communes.json');
    const epci = await read<{ code: string; membres: { code: string }[] }[]>('epci.json');
    epciMembersOf = new Map(epci.map((e) => [e.code, e.membres.map((m) => m.code)]));
  });

  it('a commune: Montreuil (93048), its EPCI as parent', () => {
    const p = territoryProfile(feed, { level: 'commune', code: '93048' }, { places, now: NOW });
    const inside = check(p, 'commune', '93048', ['93048']);
    expect(p.territory.name).to.equal('Montreuil');
    expect(p.parts).to.equal(null);
    expect(p.parent?.level).to.equal('epci');
    expect(p.parent?.code).to.equal('200054781');
    const inParent = raw.filter((s) => s.address?.cog?.epci === '200054781').length;
    expect(p.parent?.structures).to.equal(inParent);
    expect(p.parent?.share).to.be.closeTo(inside.length / inParent, 1e-12);
    const parentPop = population(epciMembersOf.get('200054781')!);
    expect(p.parent?.population).to.equal(parentPop);
    expect(p.parent?.populationShare).to.be.closeTo(population(['93048']) / parentPop, 1e-12);
  });

  it('an EPCI: the Métropole du Grand Paris (200054781), per member commune, its région as parent', () => {
    const members = epciMembersOf.get('200054781')!;
    const p = territoryProfile(feed, { level: 'epci', code: '200054781' }, { places, now: NOW });
    const inside = check(p, 'epci', '200054781', members);
    expect(p.territory.name).to.equal('Métropole du Grand Paris');
    // Its communes lie in several départements: the parent is the région.
    expect(p.parent?.level).to.equal('region');
    expect(p.parent?.code).to.equal('11');
    expect(p.parent?.structures).to.equal(raw.filter((s) => s.address?.cog?.region === '11').length);
    // Every member commune is a part, with its own count (0 included).
    expect(p.parts?.level).to.equal('commune');
    expect(p.parts?.items.map((i) => i.code).sort()).to.deep.equal([...members].sort());
    for (const item of p.parts!.items) {
      expect(item.structures, item.code).to.equal(
        inside.filter((s) => s.address?.cog?.commune === item.code).length,
      );
      expect(item.population, item.code).to.equal(population([item.code]));
    }
    const assigned = inside.filter((s) => members.includes(s.address?.cog?.commune ?? '')).length;
    expect(p.parts?.unassigned).to.equal(inside.length - assigned);
    // The feed's events in Paris and Montreuil are there; the windows are disjoint.
    expect(p.events.past.events + p.events.next.events).to.be.greaterThan(0);
    expect(p.events.upcoming.length).to.be.at.most(5);
    for (const e of p.events.upcoming) expect(Date.parse(e.start)).to.be.at.least(nowMs);
  });

  it('a département: Seine-Saint-Denis (93), per EPCI, its région as parent', () => {
    const communes = etalab
      .filter((c) => c.type === 'commune-actuelle' && c.departement === '93')
      .map((c) => c.code);
    const p = territoryProfile(feed, { level: 'departement', code: '93' }, { places, now: NOW });
    const inside = check(p, 'departement', '93', communes);
    expect(p.territory.name).to.equal('Seine-Saint-Denis');
    expect(p.parts?.level).to.equal('epci');
    const epcis: Record<string, number> = {};
    for (const s of inside)
      if (s.address?.cog?.epci) epcis[s.address.cog.epci] = (epcis[s.address.cog.epci] ?? 0) + 1;
    for (const [code, n] of Object.entries(epcis))
      expect(p.parts?.items.find((i) => i.code === code)?.structures, code).to.equal(n);
    expect(p.parent).to.include({ level: 'region', code: '11' });
  });

  it('a région: Île-de-France (11), no parent', () => {
    const communes = etalab
      .filter((c) => c.type === 'commune-actuelle' && c.region === '11')
      .map((c) => c.code);
    const p = territoryProfile(feed, { level: 'region', code: '11' }, { places, now: NOW });
    check(p, 'region', '11', communes);
    expect(p.territory.name).to.equal('Île-de-France');
    expect(p.parent).to.equal(null);
    expect(p.parts?.level).to.equal('epci');
    // Records with a région but no EPCI are counted in the région and said unassigned in its parts.
    const noEpci = raw.filter((s) => s.address?.cog?.region === '11' && !s.address.cog.epci).length;
    expect(p.parts?.unassigned).to.be.at.least(noEpci);
  });

  it('without the places data: the same counts, no name or population', () => {
    const withPlaces = territoryProfile(feed, { level: 'epci', code: '200054781' }, { places, now: NOW });
    const p = territoryProfile(feed, { level: 'epci', code: '200054781' }, { now: NOW });
    expect(p.territory.structures).to.equal(withPlaces.territory.structures);
    expect(p.byTheme).to.deep.equal(withPlaces.byTheme);
    expect(p.territory.name).to.equal(null);
    expect(p.territory.population).to.equal(null);
    expect(p.territory.per10k).to.equal(null);
    expect(p.population).to.equal(null);
    // Parts from the records' own codes only.
    for (const item of p.parts!.items) expect(item.structures).to.be.greaterThan(0);
  });

  it('an empty or unknown territory gives zeros, not an error', () => {
    const p = territoryProfile(feed, { level: 'commune', code: '29019' }, { places, now: NOW });
    expect(p.territory.name).to.equal('Brest');
    expect(p.territory.structures).to.equal(0);
    expect(p.territory.per10k).to.equal(0);
    expect(p.coverage.updatedShare).to.equal(null);
    const unknown = territoryProfile(feed, { level: 'epci', code: '999999999' }, { places, now: NOW });
    expect(unknown.territory.known).to.equal(false);
    expect(unknown.territory.structures).to.equal(0);
  });

  it('"now" moves the twelve-month windows', () => {
    const before = territoryProfile(feed, { level: 'commune', code: '75056' }, { now: '2025-06-01' });
    const after = territoryProfile(feed, { level: 'commune', code: '75056' }, { now: '2027-01-01' });
    expect(before.events.past.events).to.equal(0);
    expect(before.events.next.events).to.be.greaterThan(0);
    expect(after.events.next.events).to.equal(0);
    expect(after.events.past.events).to.equal(before.events.next.events);
    expect(() => territoryProfile(feed, { level: 'commune', code: '75056' }, { now: 'soon' })).to.throw(
      RangeError,
    );
  });
});

describe('territory URL parameter (permanent link)', () => {
  it('round-trips a territory and keeps the host’s and the other owners’ parameters', async () => {
    const { decodeTerritoryUrl, encodeTerritoryUrl } = await import('../src/territory/url-state.ts');
    const { URL_NAMESPACES, ownsKey, writeUrlState } = await import('../src/core/url-state.ts');
    const href = writeUrlState(
      'https://mairie.example/ess?page=2&ess-q=velo&ess-agenda-view=month#fiche',
      URL_NAMESPACES.territory,
      encodeTerritoryUrl({ level: 'epci', code: '200054781' }),
    );
    expect(href).to.equal(
      'https://mairie.example/ess?page=2&ess-q=velo&ess-agenda-view=month&ess-territoire-epci=200054781#fiche',
    );
    expect(decodeTerritoryUrl(new URL(href).searchParams)).to.deep.equal({
      level: 'epci',
      code: '200054781',
    });
    for (const [name, ns] of Object.entries(URL_NAMESPACES))
      if (name !== 'territory') expect(ownsKey(ns, 'ess-territoire-epci'), name).to.equal(false);
    // Invalid codes are ignored; the next valid level is read.
    expect(
      decodeTerritoryUrl(new URLSearchParams('ess-territoire-commune=<x>&ess-territoire-departement=2a')),
    ).to.deep.equal({ level: 'departement', code: '2A' });
    expect(decodeTerritoryUrl(new URLSearchParams('ess-territoire-epci=123'))).to.equal(undefined);
    expect(encodeTerritoryUrl(undefined)).to.deep.equal([]);
  });
});

describe('communeOfArrondissement', () => {
  it('gives the commune of every municipal arrondissement of the places data, and leaves other codes', async () => {
    const { communeOfArrondissement } = await import('../src/core/arrondissements.ts');
    const arrondissements = places.allPlaces().filter((p) => p.kind === 'arrondissement');
    expect(arrondissements.length).to.equal(45);
    for (const p of arrondissements)
      expect(communeOfArrondissement(p.code), p.code).to.equal(p.commune!.code);
    for (const p of places.allPlaces().filter((x) => x.kind === 'commune'))
      expect(communeOfArrondissement(p.code), p.code).to.equal(p.code);
  });
});

describe('territoryProfile: events repeated by a rule', () => {
  it('are said unexpanded without `expand`, counted with the agenda’s expander', async () => {
    const { expandOccurrencesSync, loadRecurrence } = await import('../src/agenda/index.ts');
    // Fixture (not real data): one monthly event in Paris, from June 2025, 24 times.
    const event = {
      id: 'fixture--monthly',
      title: 'Permanence mensuelle (fixture)',
      start: '2025-06-10T18:00:00+02:00',
      rrule: 'FREQ=MONTHLY;COUNT=24',
      place: { address: { cog: { commune: '75056', epci: '200054781', departement: '75', region: '11' } } },
      provenance: [{ source: 'fixture', name: 'Fixture', localId: 'monthly' }],
      updatedAt: '2025-06-01',
    } as unknown as Feed['events'][number];
    const small = { manifest: feed.manifest, structures: [], events: [event] };
    const ref = { level: 'commune', code: '75056' } as const;
    const without = territoryProfile(small, ref, { now: NOW });
    expect(without.events.unexpanded).to.equal(1);
    expect(without.events.next.events).to.equal(0);
    await loadRecurrence();
    const p = territoryProfile(small, ref, { now: NOW, expand: expandOccurrencesSync });
    expect(p.events.unexpanded).to.equal(0);
    // 2025-06-10 … 2026-02-10 before 2026-03-01 (9), 2026-03-10 … 2027-02-10 after it (12).
    expect(p.events.past).to.deep.equal({ events: 1, occurrences: 9 });
    expect(p.events.next).to.deep.equal({ events: 1, occurrences: 12 });
    expect(p.events.upcoming[0]?.start).to.equal('2026-03-10T18:00:00+01:00');
  });
});
