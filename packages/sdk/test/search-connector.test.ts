// The search engine (packages/sdk/src/search): sorting and pagination, the connector, edge cases, geo helpers, on the real Transiscope data (data/sources/transiscope-idf).
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports.
import { expect } from 'chai';
import {
  createSearchConnector,
  createSearchIndex,
  type FacetName,
  normalizeQuery,
  type SearchQuery,
  type SearchState,
  search,
  searchAll,
} from '../src/search/index.ts';
import { distanceKm } from '../src/core/geo.ts';
import { records, labels, index, allHits, loadSearchData } from './helpers/search.ts';

before(loadSearchData);

describe('search: sorting and pagination', () => {
  it('sorts by name in French collation (the default without text), feed order for equal names', () => {
    const collator = new Intl.Collator('fr', { numeric: true });
    const hits = allHits({});
    expect(hits).to.have.length(records.length);
    expect(search(index, {}).sort).to.equal('name');
    for (let i = 1; i < hits.length; i++) {
      const a = hits[i - 1]!;
      const b = hits[i]!;
      const c = collator.compare(a.record.name, b.record.name);
      expect(c < 0 || (c === 0 && a.index < b.index), `${a.record.name} / ${b.record.name}`).to.equal(true);
    }
    // With text too.
    const named = allHits({ text: 'amap', sort: 'name' });
    for (let i = 1; i < named.length; i++)
      expect(collator.compare(named[i - 1]!.record.name, named[i]!.record.name)).to.be.at.most(0);
  });

  it('sorts by freshness', () => {
    const hits = allHits({ text: 'jardin', sort: 'updated' });
    // A record whose update date is unknown comes last.
    const time = (u: string | undefined) => (u ? Date.parse(u) : Number.NEGATIVE_INFINITY);
    for (let i = 1; i < hits.length; i++)
      expect(time(hits[i - 1]!.record.updatedAt)).to.be.at.least(time(hits[i]!.record.updatedAt));
  });

  it('pages cover every hit exactly once, with an exact total', () => {
    for (const q of [
      { text: 'association' },
      { text: 'r' },
      { facets: { departement: ['75'] } },
      { near: { lat: 48.85, lon: 2.35 } },
    ] as SearchQuery[]) {
      const first = search(index, { ...q, pageSize: 37 });
      expect(first.pages).to.equal(Math.ceil(first.total / 37));
      const seen: string[] = [];
      for (let page = 1; page <= first.pages; page++) {
        const r = search(index, { ...q, page, pageSize: 37, facetNames: [] });
        expect(r.total).to.equal(first.total);
        expect(r.hits.length).to.equal(page < first.pages ? 37 : first.total - 37 * (first.pages - 1));
        seen.push(...r.hits.map((h) => h.record.id));
      }
      expect(seen.length).to.equal(first.total);
      expect(new Set(seen).size).to.equal(first.total);
      expect(search(index, { ...q, page: first.pages + 1, pageSize: 37 }).hits).to.deep.equal([]);
    }
    const counts = search(index, { text: 'jardin', pageSize: 0 });
    expect(counts.hits).to.deep.equal([]);
    expect(counts.total).to.be.greaterThan(0);
  });

  it('searchAll gives every hit in one pass, in the order the pages give them', () => {
    for (const q of [
      {},
      { text: 'r' },
      { text: 'jardin', sort: 'updated' },
      { near: { lat: 48.85, lon: 2.35 } },
    ] as SearchQuery[]) {
      const all = searchAll(index, q);
      const { total, pages } = search(index, { ...q, pageSize: 500, facetNames: [] });
      expect(all).to.have.length(total);
      const paged: number[] = [];
      for (let page = 1; page <= pages; page++)
        paged.push(...search(index, { ...q, page, pageSize: 500, facetNames: [] }).hits.map((h) => h.index));
      expect(all.map((h) => h.index)).to.deep.equal(paged);
    }
  });
});

describe('search: connector', () => {
  it('notifies subscribers on change only, and stops after unsubscribe', () => {
    const connector = createSearchConnector(index, { pageSize: 5 });
    const seen: SearchState[] = [];
    const stop = connector.subscribe((s) => seen.push(s));
    const initial = connector.getState();
    expect(initial.result.total).to.equal(records.length);

    connector.setText('jardin');
    expect(seen).to.have.length(1);
    expect(seen[0]!.result.total).to.equal(search(index, { text: 'jardin' }).total);
    expect(connector.getState()).to.equal(seen[0]);

    connector.setText('jardin'); // same text: nothing
    connector.setFacet('departement', []); // nothing selected already
    connector.setNear(undefined);
    connector.refine({ text: 'jardin' });
    expect(seen).to.have.length(1);
    expect(connector.getState()).to.equal(seen[0]);

    connector.toggleFacet('departement', '75');
    expect(seen).to.have.length(2);
    expect(connector.getState().query.facets).to.deep.equal({ departement: ['75'] });
    connector.setPage(2);
    expect(connector.getState().result.page).to.equal(2);
    connector.toggleFacet('departement', '93'); // back to page 1
    expect(connector.getState().query.page).to.equal(undefined);
    expect(connector.getState().result.facets.departement!.filter((v) => v.selected)).to.have.length(2);
    connector.toggleFacet('departement', '75');
    connector.toggleFacet('departement', '93');
    expect(connector.getState().query).to.deep.equal({ text: 'jardin', pageSize: 5 });
    const before = seen.length;

    stop();
    connector.setText('amap');
    expect(seen).to.have.length(before);
    expect(connector.getState().result.total).to.equal(search(index, { text: 'amap' }).total);

    connector.reset();
    expect(connector.getState().query).to.deep.equal({ pageSize: 5 });
  });

  it('keeps other listeners running when one throws, and swaps the index', () => {
    const errors: unknown[] = [];
    const connector = createSearchConnector(index, {}, { onListenerError: (e) => errors.push(e) });
    let calls = 0;
    connector.subscribe(() => {
      throw new Error('listener failure');
    });
    connector.subscribe(() => calls++);
    connector.setText('ferme');
    expect(calls).to.equal(1);
    expect(errors).to.have.length(1);
    const small = createSearchIndex(records.slice(0, 100), { labels });
    connector.setIndex(small);
    expect(calls).to.equal(2);
    expect(connector.getState().result.total).to.equal(search(small, { text: 'ferme' }).total);
    connector.setIndex(small); // same index: nothing
    expect(calls).to.equal(2);
  });

  it('normalises queries so that equivalent ones compare equal', () => {
    expect(
      normalizeQuery({
        text: ' ',
        facets: { themes: [], family: ['mutuelle', 'association', 'mutuelle'] },
        page: 1,
      }),
    ).to.deep.equal({ facets: { family: ['association', 'mutuelle'] } });
    const names: FacetName[] = ['family'];
    expect(normalizeQuery({ facetNames: names, near: { lat: 1, lon: 2 } })).to.deep.equal({
      near: { lat: 1, lon: 2 },
      facetNames: ['family'],
    });
  });
});

describe('search: edge cases', () => {
  it('handles an empty index and a one-record index', () => {
    const empty = createSearchIndex([]);
    const r = search(empty, {
      text: 'jardin',
      near: { lat: 48, lon: 2, radiusKm: 3 },
      facets: { family: ['association'] },
    });
    expect(r).to.include({ total: 0, pages: 0 });
    expect(r.facets.family).to.deep.equal([{ value: 'association', count: 0, selected: true }]);
    const one = createSearchIndex([
      {
        id: 'x--1',
        name: 'L’Œuvre d’Art',
        family: 'association',
        provenance: [{ source: 'x', localId: '1' }],
        updatedAt: '2024-01-01',
      },
    ]);
    expect(search(one, { text: 'oeuvre art' }).total).to.equal(1);
    expect(search(one, { text: 'asso' }).total).to.equal(1); // the family is searchable
    expect(search(one, { text: 'zzz' }).total).to.equal(0);
  });
});

describe('search: geo helpers', () => {
  it('distanceKm gives the great-circle distance', () => {
    expect(distanceKm({ lat: 48.8566, lon: 2.3522 }, { lat: 45.764, lon: 4.8357 })).to.be.closeTo(391.5, 1);
    expect(distanceKm(PARIS_NOTRE_DAME, PARIS_NOTRE_DAME)).to.equal(0);
  });
});
const PARIS_NOTRE_DAME = { lat: 48.853, lon: 2.3499 };
