/**
 * Static index test helpers: the dev feed's structures and labels, a fetch that serves an index from a
 * directory (counting what it serves), a generated set of queries drawn from the records (words,
 * prefixes, typos, facets, territories, radius, box, every sort, pages), and the comparison of a static
 * answer with the in-memory engine's.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Structure } from '../../src/schema/structure.ts';
import { FACET_NAMES, type SearchQuery, type SearchResult, tokenize } from '../../src/search/index.ts';
import { readRepoJson } from './files.ts';
import { prng } from '../../../../scripts/bench/synthetic.ts';

/** The embedded dev feed (data/feed): its 4,192 real structures and the taxonomy's French labels. */
export async function devFeed(): Promise<{
  structures: Structure[];
  labels: (id: string) => string | undefined;
}> {
  const structures = await readRepoJson<Structure[]>('data/feed/structures.json');
  const taxonomy = await readRepoJson<{ concepts: { id: string; label: { fr: string } }[] }>(
    'data/feed/taxonomy.json',
  );
  const map = new Map(taxonomy.concepts.map((c) => [c.id, c.label.fr]));
  return { structures, labels: (id) => map.get(id) };
}

/** A fetch over files (file: URLs), as a static host would serve them. */
export function fileFetch(): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response('not found', { status: 404 });
    }
  }) as typeof fetch;
}

/** Queries drawn from `records` (deterministic for a seed). */
export function generateQueries(records: readonly Structure[], count: number, seed = 7): SearchQuery[] {
  const random = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;
  const rec = () => pick(records);
  const word = (): string => {
    for (;;) {
      const ws = tokenize(rec().name);
      if (ws.length > 0) return pick(ws);
    }
  };
  const typo = (w: string): string => {
    const i = 1 + Math.floor(random() * (w.length - 2));
    return w.slice(0, i) + (w[i] === 'e' ? 'a' : 'e') + w.slice(i + 1);
  };
  const withCog = records.filter((r) => r.address?.cog?.departement);
  const withGeo = records.filter((r) => r.geo);
  const facetValue = (name: (typeof FACET_NAMES)[number]): string | undefined => {
    const r = rec();
    const cog = r.address?.cog;
    const v =
      name === 'family'
        ? r.family
        : name === 'source'
          ? r.provenance[0]?.source
          : name === 'region' || name === 'departement' || name === 'epci' || name === 'commune'
            ? cog?.[name]
            : (r[name] as string[] | undefined)?.[0];
    return v;
  };
  const out: SearchQuery[] = [
    {},
    { pageSize: 0 },
    { facetNames: [] },
    { sort: 'updated' },
    { sort: 'relevance', page: 2 },
    { text: 'a' },
    { text: 'r', sort: 'name' },
    { text: 'co' },
    { text: 'ressourcerie' },
    { text: 'resourcerie' },
    { text: 'jardni partage' },
    { text: 'epicerie solidaire', matching: 'any' },
    { facets: { departement: ['75', '93'] } },
    { territory: { departements: [] } },
    { territory: {} },
    { sort: 'name', page: 3, pageSize: 7 },
    { sort: 'updated', page: 200, pageSize: 20 },
    { near: { lat: 48.85, lon: 2.35 }, sort: 'distance', page: 2 },
    { near: { lat: 48.85, lon: 2.35 }, page: 300, maxFacetValues: 3 },
    { maxFacetValues: 150 },
    { facets: { themes: [] }, territory: { communes: undefined } },
  ];
  while (out.length < count) {
    const q: SearchQuery = {};
    const kind = random();
    if (kind < 0.55) {
      const r = random();
      const w = word();
      q.text =
        r < 0.3
          ? w
          : r < 0.5
            ? w.slice(0, 1 + Math.floor(random() * 4))
            : r < 0.65 && w.length >= 5
              ? typo(w)
              : `${w} ${word()}`;
      if (random() < 0.3) q.matching = 'any';
    }
    if (random() < 0.35) {
      const name = pick(FACET_NAMES);
      const values = [facetValue(name), random() < 0.4 ? facetValue(name) : undefined].filter(
        (v): v is string => v !== undefined,
      );
      if (values.length > 0) q.facets = { [name]: [...new Set(values)] };
      if (random() < 0.3) {
        const other = pick(FACET_NAMES);
        const v = facetValue(other);
        if (v) q.facets = { ...q.facets, [other]: [...(q.facets?.[other] ?? []), v] };
      }
    }
    if (random() < 0.2 && withCog.length > 0) {
      const cog = pick(withCog).address!.cog!;
      const r = random();
      q.territory =
        r < 0.4
          ? { departements: [cog.departement!] }
          : r < 0.6 && cog.commune
            ? { communes: [cog.commune] }
            : r < 0.8 && cog.epci
              ? { epcis: [cog.epci], regions: ['84'] }
              : { regions: [cog.region ?? '11'] };
    }
    if (random() < 0.25 && withGeo.length > 0) {
      const g = pick(withGeo).geo!;
      q.near = { lat: g.lat, lon: g.lon };
      if (random() < 0.7) q.near.radiusKm = pick([0.5, 2, 10, 50, 300]);
      if (random() < 0.6) q.sort = 'distance';
    } else if (random() < 0.1 && withGeo.length > 0) {
      const g = pick(withGeo).geo!;
      const dx = pick([0.01, 0.1, 1]);
      q.bbox = [g.lon - dx, g.lat - dx, g.lon + dx, g.lat + dx];
    }
    if (random() < 0.3) q.sort = pick(['relevance', 'name', 'updated', 'distance'] as const);
    if (random() < 0.3) q.page = 1 + Math.floor(random() * 3);
    if (random() < 0.15) q.maxFacetValues = pick([0, 1, 5]);
    if (random() < 0.1) q.pageSize = pick([0, 1, 50]);
    if (random() < 0.1) q.facetNames = [pick(FACET_NAMES), pick(FACET_NAMES)];
    out.push(q);
  }
  return out;
}

/** The static answer equals the engine's: total, pages, sort, hits (record, index, score, distance), facets. */
export function expectSameResult(actual: SearchResult, expected: SearchResult, q: SearchQuery): void {
  const label = JSON.stringify(q);
  const view = (r: SearchResult) => ({
    total: r.total,
    page: r.page,
    pageSize: r.pageSize,
    pages: r.pages,
    sort: r.sort,
    hits: r.hits.map((h) => ({ id: h.record.id, index: h.index, score: h.score, distanceKm: h.distanceKm })),
    facets: r.facets,
  });
  expect(view(actual), label).to.deep.equal(view(expected));
  for (let i = 0; i < actual.hits.length; i++)
    expect(actual.hits[i]!.record, label).to.deep.equal(expected.hits[i]!.record);
}
