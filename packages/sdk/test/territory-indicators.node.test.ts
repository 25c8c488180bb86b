// The optional `indicators` part: its schema and validation report, its loading by the client (inline and
// as a file), and the territory profile picking the figures of its territory.
// FIXTURES: every indicator below is made up for these tests (ids "fixture--…", source "Observatoire
// fictif (données de test)"): the values are not official figures and must never be shown as such.
import { expect } from 'chai';
import { createClient, memoryCache } from '../src/client/index.ts';
import { assembleFeed } from '../src/feed.ts';
import { Indicator } from '../src/schema/indicator.ts';
import { territoryProfile } from '../src/territory/profile.ts';
import { manifest, variant } from './fixtures.ts';

const source = { name: 'Observatoire fictif (données de test)', url: 'https://example.org/observatoire' };
const licence = { id: 'etalab-2.0', name: 'Licence Ouverte 2.0' };

/** Fixture: a made-up share of ESS jobs in Seine-Saint-Denis. */
const share93 = {
  id: 'fixture--emploi-ess-93-2022',
  territory: { level: 'departement', code: '93' },
  label: {
    fr: 'Part de l’emploi salarié dans l’ESS (fictif)',
    en: 'Share of salaried jobs in the ESS (made up)',
  },
  value: 12.5,
  unit: { fr: '%' },
  year: 2022,
  source,
  licence,
};
const share93older = { ...share93, id: 'fixture--emploi-ess-93-2019', value: 11.9, year: 2019 };
const jobs93 = {
  ...share93,
  id: 'fixture--etablissements-ess-93-2022',
  label: { fr: 'Établissements employeurs de l’ESS (fictif)' },
  value: 4321,
  unit: { fr: 'établissements', en: 'establishments' },
};
const share75 = {
  ...share93,
  id: 'fixture--emploi-ess-75-2022',
  territory: { level: 'departement', code: '75' },
};

describe('indicators (fixtures)', () => {
  it('the schema accepts a complete figure and names each wrong field', () => {
    expect(Indicator.safeParse(share93).success).to.equal(true);
    const wrong = (change: (x: Record<string, unknown>) => void) => {
      const r = Indicator.safeParse(variant(share93 as Record<string, unknown>, change));
      expect(r.success).to.equal(false);
      return [...new Set(r.error!.issues.map((i) => i.path.join('.')))];
    };
    // A code of another level.
    expect(wrong((x) => ((x.territory as { code: string }).code = '93048'))).to.deep.equal([
      'territory.code',
    ]);
    expect(wrong((x) => (x.territory = { level: 'pays', code: 'FR' }))).to.deep.equal(['territory.level']);
    expect(wrong((x) => (x.value = '12,5'))).to.deep.equal(['value']);
    expect(wrong((x) => (x.year = 1850))).to.deep.equal(['year']);
    expect(wrong((x) => (x.source = { name: 'X', url: 'javascript:alert(1)' }))).to.deep.equal([
      'source.url',
    ]);
    expect(wrong((x) => delete x.licence)).to.deep.equal(['licence']);
    expect(wrong((x) => delete x.unit)).to.deep.equal(['unit']);
  });

  it('assembleFeed validates each record on its own and reports the rejected ones', () => {
    const broken = { ...share75, id: 'fixture--sans-annee', year: undefined };
    const feed = assembleFeed(manifest({}), { indicators: [share93, broken, jobs93] });
    expect(feed.indicators?.map((i) => i.id)).to.deep.equal([share93.id, jobs93.id]);
    expect(feed.report.parts.indicators).to.deep.equal({ received: 3, accepted: 2, rejected: 1 });
    expect(feed.report.rejections.map((r) => [r.part, r.id])).to.deep.include([
      'indicators',
      'fixture--sans-annee',
    ]);
  });

  it('the client loads the part inline and from its file', async () => {
    const inline = await createClient({
      feed: manifest({ structures: [], indicators: [share93] }),
      cache: memoryCache(),
      fetch: () => Promise.reject(new Error('no request expected')),
    }).load();
    expect(inline.feed.indicators?.map((i) => i.id)).to.deep.equal([share93.id]);

    const requested: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      requested.push(url);
      const body = url.endsWith('/manifest.json')
        ? manifest({ structures: [], indicators: { url: 'indicators.json' } })
        : [share93, jobs93];
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };
    const fromFile = await createClient({
      feed: 'https://example.org/feed/manifest.json',
      cache: memoryCache(),
      fetch,
    }).load();
    expect(requested).to.include('https://example.org/feed/indicators.json');
    expect(fromFile.feed.indicators?.map((i) => i.id)).to.deep.equal([share93.id, jobs93.id]);
    expect(fromFile.feed.report.parts.indicators?.accepted).to.equal(2);
  });

  it('the profile lists the figures of its own territory only, by label then latest year', () => {
    const feed = assembleFeed(manifest({}), { indicators: [share93older, share75, share93, jobs93] });
    const p = territoryProfile(feed, { level: 'departement', code: '93' }, { now: '2026-03-01' });
    expect(p.indicators.map((i) => i.id)).to.deep.equal([
      'fixture--etablissements-ess-93-2022',
      'fixture--emploi-ess-93-2022',
      'fixture--emploi-ess-93-2019',
    ]);
    expect(territoryProfile(feed, { level: 'region', code: '11' }).indicators).to.deep.equal([]);
    // A feed without the part (built before it existed): no figure, no error.
    const old = assembleFeed(manifest({}), {});
    expect(
      territoryProfile({ ...old, indicators: undefined }, { level: 'departement', code: '93' }).indicators,
    ).to.deep.equal([]);
  });
});
