// <ess-territoire>'s official figures (the feed's `indicators` part) beside the feed's counts.
// FIXTURES: the indicators below are made up for these tests ("Observatoire fictif (données de test)"):
// their values are not official figures. The structures are the helpers' labelled test records.
import { createFeedStore, type FeedStore } from '@essaim/sdk';
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-territoire.ts';
import type { EssTerritoire } from '../../src/territoire/ess-territoire.ts';
import { $, $$, inlineFeed, interceptDownload, realFeed, shadow, structure } from './helpers.ts';

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

const cog93 = { cog: { commune: '93048', epci: '200054781', departement: '93', region: '11' } };
const source = { name: 'Observatoire fictif (données de test)', url: 'https://example.org/observatoire' };
const licence = {
  id: 'etalab-2.0',
  name: 'Licence Ouverte 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
};
const indicators = [
  {
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
    note: { fr: 'Valeur inventée pour les tests', en: 'Value made up for tests' },
  },
  {
    id: 'fixture--etablissements-93-2022',
    territory: { level: 'departement', code: '93' },
    label: { fr: '<img src=x onerror=alert(1)> Établissements employeurs (fictif)' },
    value: 4321,
    unit: { fr: 'établissements', en: 'establishments' },
    year: 2022,
    source: { name: 'Source sans adresse (fictive)' },
    licence,
  },
  {
    id: 'fixture--emploi-ess-75-2022',
    territory: { level: 'departement', code: '75' },
    label: { fr: 'Autre département (fictif)' },
    value: 1,
    unit: { fr: '%' },
    year: 2022,
    source,
    licence,
  },
];

async function storeWithIndicators(): Promise<FeedStore> {
  const base = inlineFeed([
    structure('a', 'Structure de test A', { address: cog93 }),
    structure('b', 'Structure de test B', { address: cog93 }),
  ]);
  const store = createFeedStore({
    feed: { ...base, parts: { ...base.parts, indicators } },
    clientOptions: { cache: false },
  });
  await store.load();
  return store;
}

async function mount(store: FeedStore, departement: string, lang = 'fr') {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}><ess-feed .store=${store}>
      <ess-territoire departements=${departement} reference-date="2026-03-01"></ess-territoire>
    </ess-feed></div>`,
  );
  const el = wrapper.querySelector<EssTerritoire>('ess-territoire')!;
  await waitUntil(() => $(el, '[part~="actions"]'), 'sections', { timeout: 30000 });
  await el.updateComplete;
  return { el, wrapper };
}

describe('<ess-territoire>: official figures (fixtures)', function (this: Mocha.Suite) {
  this.timeout(60000);

  it('shows the territory’s figures with their source, year and licence, as text; accessible', async () => {
    const { el } = await mount(await storeWithIndicators(), '93');
    const section = $(el, '.indicators')!;
    expect(text(section.querySelector('h3'))).to.equal('Chiffres officiels');
    expect(text(section.querySelector('.caveat'))).to.contain(
      'pas calculés à partir des structures de ce flux',
    );
    const rows = [...section.querySelectorAll('tbody tr')];
    // Only the département's own figures (not the 75 one), by label.
    expect(rows.map((r) => text(r.querySelector('th')))).to.deep.equal([
      '<img src=x onerror=alert(1)> Établissements employeurs (fictif)',
      'Part de l’emploi salarié dans l’ESS (fictif)Valeur inventée pour les tests',
    ]);
    expect(section.querySelector('img'), 'feed text rendered as text').to.equal(null);
    const cells = (r: Element) => [...r.querySelectorAll('td')].map(text);
    expect(cells(rows[0]!)).to.deep.equal([
      '4 321 établissements',
      '2022',
      'Source sans adresse (fictive)',
      'Licence Ouverte 2.0',
    ]);
    expect(cells(rows[1]!)).to.deep.equal(['12,5 %', '2022', source.name, 'Licence Ouverte 2.0']);
    const link = rows[1]!.querySelector<HTMLAnchorElement>('td a')!;
    expect(link.href).to.equal('https://example.org/observatoire');
    expect(rows[0]!.querySelectorAll('td a').length, 'a source without address is not a link').to.equal(1);
    // Before the feed's counts.
    const order = $$(el, 'section.indicators, .charts');
    expect(order[0]!.classList.contains('indicators')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('in English; exported in the CSV with their provenance', async () => {
    const { el } = await mount(await storeWithIndicators(), '93', 'en');
    expect(text($(el, '.indicators h3'))).to.equal('Official figures');
    expect(text($(el, '.indicators tbody tr:last-child th'))).to.contain(
      'Share of salaried jobs in the ESS (made up)',
    );
    expect(text($(el, '.indicators tbody tr:first-child td'))).to.equal('4,321 establishments');
    const dl = interceptDownload();
    try {
      $$<HTMLButtonElement>(el, '.actions button')[0]!.click();
      const lines = (await (await dl.blob).text()).trim().split('\r\n');
      expect(lines).to.include(
        `"Seine-Saint-Denis","departement","93","indicateur","Part de l’emploi salarié dans l’ESS (fictif)","fixture--emploi-ess-93-2022",12.5,"%","2026-03-01",2022,"Observatoire fictif (données de test) (https://example.org/observatoire)","Licence Ouverte 2.0"`,
      );
      // The formula guard covers the figures' text too.
      expect(lines.some((l) => l.includes('"<img src=x'))).to.equal(true);
    } finally {
      dl.restore();
    }
    await expect(el).to.be.accessible();
  });

  it('reflows at 320 px: the table scrolls in its own focusable region', async () => {
    const { el, wrapper } = await mount(await storeWithIndicators(), '93');
    wrapper.style.inlineSize = '320px';
    await aTimeout(50);
    const region = $(el, '.indicators .scroll')!;
    expect(region.getAttribute('tabindex')).to.equal('0');
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    const host = el.getBoundingClientRect();
    for (const node of shadow(el).querySelectorAll('.indicators > *'))
      expect(node.getBoundingClientRect().right).to.be.at.most(host.right + 1);
  });

  it('a figures file that cannot be loaded is said, and the feed’s counts are still shown', async () => {
    const base = inlineFeed([structure('a', 'Structure de test A', { address: cog93 })]);
    const store = createFeedStore({
      feed: {
        ...base,
        parts: { ...base.parts, indicators: { url: 'https://example.org/indicateurs.json' } },
      },
      clientOptions: {
        cache: false,
        fetch: () => Promise.reject(new TypeError('Failed to fetch')),
        retry: 0,
      },
    });
    await store.load().catch(() => undefined);
    const { el } = await mount(store, '93');
    // The notices are a chunk of their own, loaded when one is needed.
    await waitUntil(() => $(el, '[part~="error"]'), 'the failure is named', { timeout: 10000 });
    expect(text($(el, '[part~="error"]'))).to.contain('Les chiffres officiels n’ont pas pu être chargés');
    expect($(el, '[part~="figures"]'), 'the counts are still there').to.exist;
    expect($(el, '.indicators')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('the embedded feed has no official figures: no such section', async () => {
    const { el } = await mount(await realFeed(), '93');
    expect($(el, '.indicators')).to.equal(null);
    expect(shadow(el).textContent).not.to.contain('Chiffres officiels');
  });
});
