import { expect } from 'chai';
import { decodeAgendaUrl, encodeAgendaUrl } from '../src/agenda/url-state.ts';
import { decodeMapUrl, encodeMapUrl } from '../src/core/map-url.ts';
import {
  decodeOrientationUrl,
  encodeOrientationUrl,
  ownsKey,
  readUrlState,
  URL_NAMESPACES,
  type UrlNamespace,
  writeUrlState,
} from '../src/core/url-state.ts';
import { decodeSearchUrl, encodeSearchUrl } from '../src/search/url-state.ts';

const NS = URL_NAMESPACES;
const params = (href: string, ns: UrlNamespace) => readUrlState(new URL(href).search, ns);

describe('URL state codec', () => {
  it('owners are disjoint: no parameter of one owner is another’s', () => {
    const owners = Object.entries(NS) as [string, UrlNamespace][];
    const samples = [
      ...NS.search.keys,
      ...NS.orientation.keys,
      'ess-agenda-view',
      'ess-agenda-q',
      'ess-map-select',
      'ess-q',
      'ess-parcours',
    ];
    for (const key of samples) {
      const by = owners.filter(([, ns]) => ownsKey(ns, key)).map(([name]) => name);
      expect(by, key).to.have.length(1);
    }
    for (const key of NS.search.keys) {
      expect(key.startsWith(NS.agenda.prefix) || key.startsWith(NS.map.prefix), key).to.equal(false);
    }
    expect(ownsKey(NS.search, 'page')).to.equal(false);
    expect(ownsKey(NS.search, 'ess-agenda-q')).to.equal(false);
  });

  it('a synced directory keeps the agenda’s and the orientation’s parameters (was: the URL ended at ?)', () => {
    const href = 'https://example.org/p?ess-agenda-view=month&ess-parcours=qui%3Djeune';
    // The directory reads nothing of theirs…
    expect(decodeSearchUrl(new URL(href).searchParams)).to.equal(undefined);
    // …and writing its (empty) query leaves them as they were.
    expect(writeUrlState(href, NS.search, encodeSearchUrl({}))).to.equal(href);
    const next = writeUrlState(href, NS.search, encodeSearchUrl({ text: 'jardin' }));
    expect(next).to.equal(`${href}&ess-q=jardin`);
  });

  it('round-trips all four components’ states on one URL with the host’s parameters and hash', () => {
    const host = 'https://example.org/ess/page?page=accueil&x=a%20b&flag#section-2';
    const search = {
      text: 'café & co',
      facets: {
        family: ['association'],
        themes: ['theme--alimentation', 'theme--reemploi'],
        departement: ['93'],
      },
      near: { lat: 48.85661, lon: 2.35222, radiusKm: 10 },
      sort: 'distance' as const,
      page: 3,
    };
    const agenda = {
      text: 'atelier',
      facets: { themes: ['theme--alimentation'], price: ['free'] },
      view: 'month',
      date: '2026-04-10',
      from: '2026-04-01',
      to: '2026-04-30',
    };
    const answers = 'qui=projet&besoin=creer&lieu=48.86,2.38,Paris%2011e,c75111,d75';
    let href = host;
    href = writeUrlState(href, NS.agenda, encodeAgendaUrl(agenda));
    href = writeUrlState(href, NS.search, encodeSearchUrl(search, 'Paris'));
    href = writeUrlState(href, NS.orientation, encodeOrientationUrl(answers));
    href = writeUrlState(href, NS.map, encodeMapUrl({ lat: 48.85661, lon: 2.35222, zoom: 11.5 }));
    // Each writer again, in another order: nothing moves, nothing is lost.
    expect(writeUrlState(href, NS.search, encodeSearchUrl(search, 'Paris'))).to.equal(href);
    expect(writeUrlState(href, NS.agenda, encodeAgendaUrl(agenda))).to.equal(href);

    const url = new URL(href);
    expect(url.hash).to.equal('#section-2');
    expect(url.search.startsWith('?page=accueil&x=a%20b&flag&')).to.equal(true);
    const back = decodeSearchUrl(params(href, NS.search));
    expect(back).to.deep.equal({
      query: { ...search, near: { lat: 48.85661, lon: 2.35222, radiusKm: 10 } },
      nearLabel: 'Paris',
    });
    expect(decodeAgendaUrl(params(href, NS.agenda))).to.deep.equal(agenda);
    expect(decodeOrientationUrl(params(href, NS.orientation))).to.equal(answers);
    expect(decodeMapUrl(params(href, NS.map))).to.deep.equal({ lat: 48.85661, lon: 2.35222, zoom: 11.5 });

    // One component cleared: the others and the host stay.
    const cleared = writeUrlState(href, NS.agenda, encodeAgendaUrl({}));
    expect([...new URL(cleared).searchParams.keys()].some((k) => k.startsWith('ess-agenda-'))).to.equal(
      false,
    );
    expect(decodeSearchUrl(params(cleared, NS.search))).to.deep.equal(back);
    expect(decodeOrientationUrl(params(cleared, NS.orientation))).to.equal(answers);
    expect(new URL(cleared).hash).to.equal('#section-2');
    // All cleared: only the host's own URL is left.
    let empty = cleared;
    for (const ns of [NS.search, NS.orientation, NS.map]) empty = writeUrlState(empty, ns, []);
    expect(empty).to.equal(host);
  });

  it('refuses to write a parameter its owner does not own', () => {
    expect(() => writeUrlState('https://example.org/', NS.search, [['ess-agenda-view', 'month']])).to.throw(
      RangeError,
      /ess-agenda-view/,
    );
  });

  it('ignores invalid values and clamps lengths', () => {
    const p = new URLSearchParams(
      `ess-near=91,2&ess-radius=5&ess-sort=random&ess-page=0&ess-q=${'x'.repeat(300)}`,
    );
    const read = decodeSearchUrl(p)!;
    expect(read.query.near).to.equal(undefined);
    expect(read.query.sort).to.equal(undefined);
    expect(read.query.page).to.equal(undefined);
    expect(read.query.text).to.have.length(200);
    for (const bad of ['91,2,10', '48,2', '48,2,30', '48,2,10,1', 'a,b,c'])
      expect(decodeMapUrl(new URLSearchParams({ 'ess-map-view': bad })), bad).to.equal(undefined);
  });
});
