// The search engine (packages/sdk/src/search): normalisation, text matching, facets, territory and geo, on the real Transiscope data (data/sources/transiscope-idf).
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports.
import { expect } from 'chai';
import type { Structure } from '../src/schema/structure.ts';
import { Structure as StructureSchema } from '../src/schema/structure.ts';
import {
  createSearchIndex,
  queryTerms,
  type SearchResult,
  search,
  tokenize,
  words,
} from '../src/search/index.ts';
import { withinOneEdit } from '../src/search/text-match.ts';
import { distanceKm, EARTH_RADIUS_KM } from '../src/core/geo.ts';
import { normalizeText } from '../src/text/normalize.ts';
import {
  records,
  labels,
  index,
  allHits,
  ids,
  fields,
  termsOf,
  wordMatches,
  foldedName,
  depOf,
  loadSearchData,
} from './helpers/search.ts';

before(loadSearchData);

describe('search: the real-data helper', () => {
  it('maps every Transiscope element to a valid Structure', () => {
    expect(records).to.have.length(4466);
    const invalid = records.filter((s) => !StructureSchema.safeParse(s).success).map((s) => s.id);
    expect(invalid).to.deep.equal([]);
    expect(new Set(records.map((s) => s.id)).size).to.equal(records.length);
    expect(records.filter((s) => s.geo).length).to.be.greaterThan(4000);
    expect(records.filter((s) => s.address?.cog?.departement).length).to.be.greaterThan(2000);
  });
});

describe('search: French normalisation', () => {
  it('folds case, accents, œ/æ, and splits on apostrophes and hyphens like normalizeText', () => {
    expect(words('Œuvres d’Æsope — Saint-Étienne')).to.deep.equal([
      'oeuvres',
      'd',
      'aesope',
      'saint',
      'etienne',
    ]);
    expect(words("L'Haÿ-les-Roses")).to.deep.equal(['l', 'hay', 'les', 'roses']);
    expect(words('   ')).to.deep.equal([]);
    for (const odd of [
      'x½y'.repeat(50),
      `${'ﷺ'.repeat(40)}abc`,
      'ǄǅǆĲ ﬁn ＡＢＣ１ ℅',
      `e\u0301cole ${'a'.repeat(300)}`,
    ])
      expect(words(odd).join(' ')).to.equal(normalizeText(odd));
    for (const s of records.slice(0, 1500)) {
      for (const text of [s.name, s.description ?? ''])
        expect(words(text).join(' ')).to.equal(normalizeText(text));
    }
  });

  it('drops elisions (l’, d’, qu’, j’, n’, s’, c’, m’, t’ with either apostrophe) and stop words', () => {
    expect(
      tokenize("L'atelier d’insertion qu’il faut, j'y vais, c’est m'sieur t'es n'importe s'il"),
    ).to.deep.equal(['atelier', 'insertion', 'il', 'faut', 'vai', 'est', 'sieur', 'es', 'importe', 'il']);
    expect(tokenize('le jardin de la ferme et les ruches des voisins')).to.deep.equal([
      'jardin',
      'ferme',
      'ruche',
      'voisin',
    ]);
  });

  it('treats hyphens as spaces and reduces plurals', () => {
    expect(tokenize('Saint-Denis')).to.deep.equal(tokenize('saint denis'));
    expect(tokenize('Réseaux des Jardins partagés')).to.deep.equal(['reseau', 'jardin', 'partage']);
    expect(tokenize('Épicerie')).to.deep.equal(tokenize('epicerie'));
  });

  it('keeps a query made only of stop words (the last one, as a prefix)', () => {
    expect(queryTerms('le jardin de la')).to.deep.equal(['jardin']);
    expect(queryTerms('de la')).to.deep.equal(['la']);
    const r = search(index, { text: 'la' });
    expect(r.total).to.be.greaterThan(0);
    expect(r.hits.every((h) => termsOf(Object.values(fields(h.record)).flat()).size > 0)).to.equal(true);
  });

  it('indexes exactly the terms tokenize() gives for each record', () => {
    const D = index.data;
    for (let d = 0; d < records.length; d += 7) {
      const fromIndex = new Set<string>();
      for (let j = D.fwdStart[d]!; j < D.fwdStart[d + 1]!; j++) fromIndex.add(D.terms[D.fwdTerm[j]!]!);
      const expected = termsOf(Object.values(fields(records[d]!)).flat());
      expect([...fromIndex].sort(), records[d]!.id).to.deep.equal([...expected].sort());
    }
  });
});

describe('search: text matching', () => {
  const QUERIES = [
    'r',
    'res',
    'ress',
    'ressou',
    'jard',
    'epicerie',
    'resourcerie',
    'jardni',
    'amap bio',
    'jardin partage',
    'saint denis',
    "l'atelier velo",
    'oeuvre',
    'alimentation durable',
    '75011',
  ];

  it('matches every query word (AND) by prefix or one typo, exactly like a brute-force scan', () => {
    const recordTerms = records.map((s) => termsOf(Object.values(fields(s)).flat()));
    for (const text of QUERIES) {
      const qw = queryTerms(text);
      const expected = records
        .filter((_, i) => qw.every((w) => wordMatches(w, recordTerms[i]!)))
        .map((s) => s.id);
      const got = allHits({ text });
      expect(got.length, text).to.equal(expected.length);
      expect([...ids(got)].sort(), text).to.deep.equal(expected.sort());
      expect(search(index, { text }).total, text).to.equal(expected.length);
    }
  });

  it('finds ressourceries and jardins while typing', () => {
    for (const [typed, word] of [
      ['ress', 'ressourcerie'],
      ['ressou', 'ressourcerie'],
      ['jard', 'jardin'],
    ] as const) {
      const r = allHits({ text: typed });
      const expected = records.filter((s) => foldedName(s).includes(word));
      expect(expected.length).to.be.greaterThan(5);
      const got = ids(r);
      for (const s of expected) expect(got.has(s.id), `${typed} → ${s.name}`).to.equal(true);
      // Name matches come first.
      expect(foldedName(r[0]!.record)).to.match(new RegExp(`\\b${typed}`));
    }
  });

  it('finds accented names without accents, œ as oe, elided and hyphenated words', () => {
    const accented = records.filter((s) => s.name.includes('Épicerie'));
    expect(accented.length).to.be.greaterThan(0);
    const got = ids(allHits({ text: 'epicerie' }));
    for (const s of accented) expect(got.has(s.id)).to.equal(true);

    const oeuvres = records.filter((s) => /œuvre/i.test(s.name));
    expect(oeuvres.length).to.be.greaterThan(0);
    const gotOe = ids(allHits({ text: 'oeuvre' }));
    for (const s of oeuvres) expect(gotOe.has(s.id)).to.equal(true);

    expect(search(index, { text: "l'atelier" }).total).to.equal(search(index, { text: 'atelier' }).total);
    expect(search(index, { text: 'l’atelier' }).total).to.equal(search(index, { text: 'atelier' }).total);
    const sd = allHits({ text: 'Saint-Denis' });
    expect(sd.length).to.equal(search(index, { text: 'saint denis' }).total);
    for (const s of records.filter((x) => x.name.includes('Saint-Denis')))
      expect(ids(sd).has(s.id)).to.equal(true);
  });

  it('tolerates one typo from 5 letters (insertion, deletion, substitution, transposition)', () => {
    const ressourceries = records.filter((s) => foldedName(s).includes('ressourcerie'));
    for (const typo of ['resourcerie', 'ressourcrie', 'ressuorcerie', 'ressourcerei', 'rezsourcerie']) {
      const got = ids(allHits({ text: typo }));
      for (const s of ressourceries) expect(got.has(s.id), `${typo} → ${s.name}`).to.equal(true);
    }
    const jardins = ids(allHits({ text: 'jardni' }));
    const named = records.filter((s) => /\bjardins?\b/.test(foldedName(s)));
    expect(named.length).to.be.greaterThan(10);
    for (const s of named) expect(jardins.has(s.id)).to.equal(true);
    // Short words get no typo tolerance.
    expect(search(index, { text: 'amop' }).total).to.equal(0);
    expect(withinOneEdit('jardin', 'jardni')).to.equal(true);
    expect(withinOneEdit('jardin', 'jrdinn')).to.equal(false);
  });

  it('ranks name matches before description-only matches, exact before prefix before typo, stably', () => {
    const hits = allHits({ text: 'jardin' });
    const inName = (s: Structure) => termsOf(fields(s).name).has('jardin');
    const lastName = hits.map((h) => inName(h.record)).lastIndexOf(true);
    const firstDescOnly = hits.findIndex(
      (h) =>
        !inName(h.record) &&
        !termsOf(fields(h.record).tags).has('jardin') &&
        termsOf(fields(h.record).description).has('jardin'),
    );
    expect(lastName).to.be.greaterThan(0);
    expect(firstDescOnly).to.be.greaterThan(lastName);
    // Sorted by score, then feed order.
    for (let i = 1; i < hits.length; i++) {
      const a = hits[i - 1]!;
      const b = hits[i]!;
      expect(a.score > b.score || (a.score === b.score && a.index < b.index), `${i}`).to.equal(true);
    }
    // Exact "jardin" in a name beats the prefix "jardinage", which beats the typo "jardiin".
    const exact = search(index, { text: 'jardin', pageSize: 1 }).hits[0]!.score;
    const prefix = search(index, { text: 'jardi', pageSize: 1 }).hits[0]!.score;
    const typo = search(index, { text: 'jardiin', pageSize: 1 }).hits[0]!.score;
    expect(exact).to.be.greaterThan(prefix);
    expect(prefix).to.be.greaterThan(typo);
  });

  it("with matching: 'any', needs one word and ranks structures with all words first", () => {
    expect(search(index, { text: 'jardin zzzqxw' }).total).to.equal(0);
    const any = search(index, { text: 'jardin amap', matching: 'any', pageSize: 1000 });
    const both = search(index, { text: 'jardin amap' }).total;
    const jardin = search(index, { text: 'jardin' }).total;
    expect(any.total).to.be.at.least(jardin);
    const allWords = any.hits.slice(0, both).map((h) => h.record);
    expect(allWords.every((s) => wordMatches('amap', termsOf(Object.values(fields(s)).flat())))).to.equal(
      true,
    );
  });
});

describe('search: facets', () => {
  const dep = (s: Structure) => depOf(s);
  const has = (list: readonly string[] | undefined, v: string) => list?.includes(v) ?? false;
  const count = (list: Structure[], f: (s: Structure) => boolean) => list.filter(f).length;

  it('counts each facet with every other filter applied (disjunctive faceting), text included', () => {
    const textSet = allHits({ text: 'jardin' }).map((h) => h.record);
    const deps = ['75', '93'];
    const themes = ['transiscope:3'];
    const r = search(index, { text: 'jardin', facets: { departement: deps, themes } });
    const inDeps = (s: Structure) => deps.includes(dep(s) ?? '');
    const inThemes = (s: Structure) => themes.some((t) => has(s.themes, t));
    expect(r.total).to.equal(count(textSet, (s) => inDeps(s) && inThemes(s)));
    // departement: counted with the theme filter, not its own selection.
    for (const { value, count: c, selected } of r.facets.departement!) {
      expect(c, `departement ${value}`).to.equal(count(textSet, (s) => inThemes(s) && dep(s) === value));
      expect(selected).to.equal(deps.includes(value));
    }
    // themes: counted with the departement filter.
    for (const { value, count: c } of r.facets.themes!) {
      expect(c, `themes ${value}`).to.equal(count(textSet, (s) => inDeps(s) && has(s.themes, value)));
    }
    // Other facets: with both filters.
    for (const { value, count: c } of r.facets.source!) {
      expect(c).to.equal(
        count(textSet, (s) => inDeps(s) && inThemes(s) && s.provenance.some((p) => p.source === value)),
      );
    }
    expect(
      r.facets
        .departement!.filter((v) => v.selected)
        .map((v) => v.value)
        .sort(),
    ).to.deep.equal(deps);
    const theme3 = r.facets.themes!.find((v) => v.value === 'transiscope:3')!;
    expect(theme3.label).to.equal('Agriculture et alimentation');
  });

  it('counts facets with two selected facets and a territory scope, without text', () => {
    const territory = (s: Structure) => ['93', '94'].includes(dep(s) ?? '');
    const themes = ['transiscope:16', 'transiscope:3'];
    const sources = ['capoupascap'];
    const r = search(index, {
      facets: { themes, source: sources },
      territory: { departements: ['93', '94'] },
      facetNames: ['themes', 'source', 'family', 'departement'],
      maxFacetValues: 1000,
    });
    const inThemes = (s: Structure) => themes.some((t) => has(s.themes, t));
    const inSources = (s: Structure) => s.provenance.some((p) => sources.includes(p.source));
    expect(r.total).to.equal(count(records, (s) => territory(s) && inThemes(s) && inSources(s)));
    expect(Object.keys(r.facets).sort()).to.deep.equal(['departement', 'family', 'source', 'themes']);
    for (const { value, count: c } of r.facets.themes!)
      expect(c).to.equal(count(records, (s) => territory(s) && inSources(s) && has(s.themes, value)));
    for (const { value, count: c } of r.facets.source!)
      expect(c).to.equal(
        count(records, (s) => territory(s) && inThemes(s) && s.provenance.some((p) => p.source === value)),
      );
    for (const { value, count: c } of r.facets.family!)
      expect(c).to.equal(
        count(records, (s) => territory(s) && inThemes(s) && inSources(s) && s.family === value),
      );
    expect(r.facets.departement!.map((v) => v.value).sort()).to.deep.equal(['93', '94']);
    // Values come most frequent first.
    const counts = r.facets.themes!.map((v) => v.count);
    expect(counts).to.deep.equal([...counts].sort((a, b) => b - a));
  });

  it('keeps a selected value that matches nothing, at 0; counts nothing for facetNames: []', () => {
    const r = search(index, { facets: { family: ['mutuelle', 'no-such-family' as never] } });
    expect(r.total).to.equal(count(records, (s) => s.family === 'mutuelle'));
    expect(r.facets.family!.find((v) => v.value === 'no-such-family')).to.deep.equal({
      value: 'no-such-family',
      count: 0,
      selected: true,
    });
    expect(search(index, { facetNames: [] }).facets).to.deep.equal({});
  });
});

describe('search: territory and geo', () => {
  const PARIS = { lat: 48.8584, lon: 2.347 };

  it('filters by région, département (union of areas)', () => {
    const r = allHits({ territory: { regions: ['24'], departements: ['93'] } });
    const expected = records.filter((s) => s.address?.cog?.region === '24' || depOf(s) === '93');
    expect(expected.length).to.be.greaterThan(100);
    expect([...ids(r)].sort()).to.deep.equal(expected.map((s) => s.id).sort());
    expect(search(index, { territory: { communes: ['75056'] } }).total).to.equal(0);
  });

  it('filters by radius and sorts by distance, as a brute-force haversine says', () => {
    const radiusKm = 3;
    const hits = allHits({ near: { ...PARIS, radiusKm }, sort: 'distance' });
    const expected = records.filter((s) => s.geo && distanceKm(PARIS, s.geo) <= radiusKm);
    expect(expected.length).to.be.greaterThan(200);
    expect(hits.length).to.equal(expected.length);
    expect([...ids(hits)].sort()).to.deep.equal(expected.map((s) => s.id).sort());
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i]!;
      expect(h.distanceKm).to.be.at.most(radiusKm);
      expect(h.distanceKm).to.be.closeTo(independentHaversine(PARIS, h.record.geo!), 1e-6);
      if (i > 0) expect(h.distanceKm!).to.be.at.least(hits[i - 1]!.distanceKm!);
    }
    // Default sort with `near` and no text is distance.
    expect(search(index, { near: PARIS }).sort).to.equal('distance');
  });

  it('sorts records without coordinates last by distance', () => {
    // Every Transiscope element has coordinates: drop them from every 10th record.
    const some = records.map((s, i) => (i % 10 === 0 ? { ...s, geo: undefined } : s));
    const idx = createSearchIndex(some, { labels });
    const hits: SearchResult['hits'] = [];
    for (let page = 1; page <= 5; page++)
      hits.push(...search(idx, { near: PARIS, sort: 'distance', page, pageSize: 1000 }).hits);
    expect(hits).to.have.length(records.length);
    const cut = records.length - Math.ceil(records.length / 10);
    expect(hits.slice(0, cut).every((h) => typeof h.distanceKm === 'number')).to.equal(true);
    expect(hits.slice(cut).every((h) => h.distanceKm === undefined && !h.record.geo)).to.equal(true);
    const tail = hits.slice(cut).map((h) => h.index);
    expect(tail).to.deep.equal([...tail].sort((a, b) => a - b));
    expect(search(idx, { near: { ...PARIS, radiusKm: 1 } }).hits.every((h) => h.record.geo)).to.equal(true);
  });

  it('filters by bounding box', () => {
    const bbox = [2.25, 48.81, 2.42, 48.9] as const;
    const hits = allHits({ bbox, text: 'association' });
    const textIds = ids(allHits({ text: 'association' }));
    const expected = records.filter(
      (s) =>
        textIds.has(s.id) &&
        s.geo &&
        s.geo.lon >= bbox[0] &&
        s.geo.lon <= bbox[2] &&
        s.geo.lat >= bbox[1] &&
        s.geo.lat <= bbox[3],
    );
    expect(expected.length).to.be.greaterThan(20);
    expect([...ids(hits)].sort()).to.deep.equal(expected.map((s) => s.id).sort());
  });

  it('rejects impossible coordinates with a RangeError', () => {
    expect(() => search(index, { near: { lat: 91, lon: 0 } })).to.throw(RangeError);
    expect(() => search(index, { near: { lat: 48, lon: 2, radiusKm: -1 } })).to.throw(RangeError);
    expect(() => search(index, { bbox: [2, 49, 3, 48] })).to.throw(RangeError);
  });
});

/** Haversine written again here, independently of the engine's. */
function independentHaversine(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const s1 = Math.sin(((b.lat - a.lat) * r) / 2);
  const s2 = Math.sin(((b.lon - a.lon) * r) / 2);
  const h = s1 * s1 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}
