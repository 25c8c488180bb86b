import type { FeedStore } from '@essaim/sdk';
import { createFeedStore, FeedNetworkError } from '@essaim/sdk';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import type { EssDirectory } from '../../src/directory/ess-directory.ts';
import { $, $$, cards, inlineStore, realFeed, shadow, structure, type } from './helpers.ts';

async function mount(store: FeedStore, attrs: Partial<Record<string, string>> = {}): Promise<EssDirectory> {
  const wrapper = await fixture<HTMLElement>(
    html`<ess-feed .store=${store}><ess-directory></ess-directory></ess-feed>`,
  );
  const el = wrapper.querySelector('ess-directory')!;
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  await el.updateComplete;
  return el;
}

describe('<ess-directory> on the real embedded feed', function (this: Mocha.Suite) {
  this.timeout(30000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  it('lists one page of 20 cards with the count, and is accessible', async () => {
    const el = await mount(store);
    const list = await cards(el);
    expect(list).to.have.length(20);
    expect($(el, '[part="count"]')!.textContent).to.match(/4\s?1\d\d structures trouvées/);
    expect($(el, '.pagination')!.textContent).to.contain('Page 1 sur');
    await expect(el).to.be.accessible();
  });

  it('searches as you type, debounced: one search for a burst of keystrokes', async () => {
    const el = await mount(store);
    await cards(el);
    let searches = 0;
    const off = store.search.subscribe(() => searches++);
    const input = $<HTMLInputElement>(el, '#q')!;
    type(input, 'ressourcerie');
    expect(searches).to.equal(0);
    await waitUntil(() => store.search.getState().query.text === 'ressourcerie');
    await aTimeout(200);
    off();
    expect(searches).to.equal(1);
    await el.updateComplete;
    const total = store.search.getState().result.total;
    expect(total).to.be.greaterThan(0).and.lessThan(200);
    // The live region is debounced, then says the count.
    await waitUntil(() => /structure/.test($(el, '[aria-live="polite"]')!.textContent ?? ''), 'announced');
  });

  it('filters by facet (labelled from the taxonomy) and fires ess-filters-change on user action only', async () => {
    const el = await mount(store);
    await cards(el);
    const facet = $$(el, 'fieldset.facet').find(
      (f) => f.querySelector('legend')!.textContent === 'Thématique',
    )!;
    const labels = [...facet.querySelectorAll('label')].map((l) =>
      l.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(
      labels.some((l) => /^Alimentation \([\d\s\u202f]+\)$/.test(l)),
      labels.join('|'),
    ).to.equal(true);
    const box = [...facet.querySelectorAll('label')]
      .find((l) => l.textContent!.includes('Alimentation'))!
      .querySelector('input')!;
    const event = oneEvent(el, 'ess-filters-change');
    box.click();
    const { detail } = await event;
    expect(detail.facets.themes).to.deep.equal(['theme--alimentation']);
    expect(store.search.getState().result.total).to.be.lessThan(4000);
    let fired = false;
    el.addEventListener('ess-filters-change', () => (fired = true));
    store.search.setText('jardin'); // programmatic: no event
    await el.updateComplete;
    expect(fired).to.equal(false);
  });

  it('near me: geolocation only on click, then sorted by distance with a radius', async () => {
    let calls = 0;
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'geolocation');
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition(ok: PositionCallback) {
          calls++;
          ok({ coords: { latitude: 48.8566, longitude: 2.3522 } } as GeolocationPosition);
        },
      },
    });
    try {
      const el = await mount(store);
      await cards(el);
      expect(calls, 'never on load').to.equal(0);
      $<HTMLButtonElement>(el, '.locate')!.click();
      expect(calls).to.equal(1);
      await el.updateComplete;
      const q = store.search.getState().query;
      expect(q.near).to.deep.include({ lat: 48.8566, lon: 2.3522, radiusKm: 10 });
      expect(store.search.getState().result.sort).to.equal('distance');
      const hits = store.search.getState().result.hits;
      expect(hits[0]!.distanceKm!).to.be.at.most(hits[1]!.distanceKm!);
      expect($(el, '.card .meta')!.textContent).to.match(/m|km/);
      const radius = $<HTMLSelectElement>(el, '#radius')!;
      radius.value = '2';
      radius.dispatchEvent(new Event('change'));
      expect(store.search.getState().query.near!.radiusKm).to.equal(2);
      await expect(el).to.be.accessible();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).geolocation;
      if (original) Object.defineProperty(Navigator.prototype, 'geolocation', original);
    }
  });

  it('near me: the commune / postcode combobox loads places on first focus and picks with the keyboard', async function (this: Mocha.Context) {
    this.timeout(60000);
    const el = await mount(store);
    await cards(el);
    const input = $<HTMLInputElement>(el, '#place')!;
    expect(input.getAttribute('role')).to.equal('combobox');
    input.focus();
    input.dispatchEvent(new Event('focus'));
    type(input, '93100');
    await waitUntil(() => $$(el, '[role="option"]').length > 0, 'suggestions', { timeout: 30000 });
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('place-0');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await el.updateComplete;
    expect(store.search.getState().query.near).to.not.equal(undefined);
    expect($(el, '.near-active')!.textContent).to.contain('Montreuil');
  });

  it('syncs the query with ess-* URL parameters only with sync-url, keeping the host parameters', async () => {
    const before = location.href;
    try {
      history.replaceState(null, '', '?page=accueil&ess-q=jardin&ess-theme=theme--alimentation#top');
      const el = await fixture<HTMLElement>(
        html`<ess-feed .store=${store}><ess-directory sync-url></ess-directory></ess-feed>`,
      ).then((w) => w.querySelector('ess-directory')!);
      await el.updateComplete;
      const q = store.search.getState().query;
      expect(q.text).to.equal('jardin');
      expect(q.facets?.themes).to.deep.equal(['theme--alimentation']);
      expect($<HTMLInputElement>(el, '#q')!.value).to.equal('jardin');
      store.search.toggleFacet('family', 'association');
      const url = new URL(location.href);
      expect(url.searchParams.get('page')).to.equal('accueil');
      expect(url.searchParams.getAll('ess-family')).to.deep.equal(['association']);
      expect(url.hash).to.equal('#top');
      // Without the attribute, the URL is never touched.
      el.closest('ess-feed')!.remove();
      history.replaceState(null, '', '?page=accueil');
      const plain = await mount(await realFeed());
      await cards(plain);
      store.search.setText('ressourcerie');
      expect(location.search).to.equal('?page=accueil');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('exports every match (not one page) as escaped CSV and as GeoJSON', async () => {
    const el = await mount(store);
    await cards(el);
    store.search.refine({ facets: { departement: ['93'] } });
    await el.updateComplete;
    const total = store.search.getState().result.total;
    expect(total).to.be.greaterThan(20);
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (b: Blob | MediaSource) => {
      blobs.push(b as Blob);
      return 'blob:test';
    };
    HTMLAnchorElement.prototype.click = () => {};
    try {
      const [csvButton, geoButton] = $$<HTMLButtonElement>(el, '.export button');
      csvButton!.click();
      await waitUntil(() => blobs.length === 1, 'csv blob');
      const csv = await blobs[0]!.text();
      const lines = csv
        .replace(/^\ufeff/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).to.match(/^id,nom,famille,/);
      // Every match; records with line breaks in their fields are quoted, so count ids instead.
      expect(csv.match(/\r\n"?(?:transiscope|[a-z0-9_-]+)--/g)!.length).to.equal(total);
      geoButton!.click();
      await waitUntil(() => blobs.length === 2, 'geojson blob');
      const geo = JSON.parse(await blobs[1]!.text());
      expect(geo.type).to.equal('FeatureCollection');
      expect(geo.features.length).to.be.greaterThan(20).and.at.most(total);
      expect(geo.features[0].geometry.type).to.equal('Point');
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    }
  });

  it('is usable with the keyboard: tab to a card, Enter opens the detail, Escape returns to the card', async () => {
    const el = await mount(store);
    const list = await cards(el);
    const selected = oneEvent(el, 'ess-select');
    list[0]!.focus();
    await sendKeys({ press: 'Enter' });
    const { detail } = await selected;
    expect(detail.id).to.equal(list[0]!.dataset.id);
    expect(store.getState().selectedId).to.equal(detail.id);
    await waitUntil(() => shadow(el).activeElement?.id === 'detail-heading', 'focus in the detail heading');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(
      () => (shadow(el).activeElement as HTMLElement | null)?.dataset.id === detail.id,
      'focus back',
    );
    // Space on the next card opens it too; Tab moves from the search box into the page in order.
    const next = $$<HTMLButtonElement>(el, '.card-button')[1]!;
    next.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => !!$(el, '#detail-heading'));
    $<HTMLButtonElement>(el, '.back')!.click();
    await waitUntil(() => !!$(el, '.card-button'));
    $<HTMLInputElement>(el, '#q')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.id).to.equal('place');
  });

  it('scopes to a territory and applies preset filters from attributes', async () => {
    const el = await mount(store, { departements: '93', themes: 'alimentation', q: '' });
    await cards(el);
    const { query, result } = store.search.getState();
    expect(query.territory).to.deep.equal({ departements: ['93'] });
    expect(query.facets?.themes).to.deep.equal(['theme--alimentation']);
    for (const h of result.hits) expect(h.record.address?.cog?.departement).to.equal('93');
    el.setAttribute('communes', '93048');
    await el.updateComplete;
    expect(store.search.getState().query.territory).to.deep.equal({
      departements: ['93'],
      communes: ['93048'],
    });
  });

  it('shows an empty state with ways to widen, accessible', async () => {
    const el = await mount(store);
    await cards(el);
    store.search.setText('zzzzqqqxxw');
    await el.updateComplete;
    expect($(el, '[part="empty"]')!.textContent).to.contain('Aucun résultat');
    const clear = [...$(el, '[part="empty"]')!.querySelectorAll('button')].find((b) =>
      /Effacer/.test(b.textContent!),
    );
    expect(clear).to.exist;
    await expect(el).to.be.accessible();
    clear!.click();
    await el.updateComplete;
    expect(store.search.getState().result.total).to.be.greaterThan(4000);
  });

  it('speaks English with lang="en"', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="en"><ess-feed .store=${store}><ess-directory></ess-directory></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-directory')!;
    await cards(el);
    expect($(el, '[part="count"]')!.textContent).to.match(/organisations found/);
    expect($(el, 'label[for="q"]')!.textContent).to.contain('Search');
  });

  it('publishes schema.org JSON-LD in its light DOM only with the jsonld attribute', async () => {
    const el = await mount(store, { jsonld: '' });
    await cards(el);
    await waitUntil(() => el.querySelector('script[type="application/ld+json"]'), 'json-ld');
    const data = JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(data['@type']).to.equal('ItemList');
    expect(data.itemListElement).to.have.length(20);
    el.removeAttribute('jsonld');
    await el.updateComplete;
    expect(el.querySelector('script')).to.equal(null);
  });
});

describe('<ess-directory> states and detail', function (this: Mocha.Suite) {
  this.timeout(20000);

  it('loading state is announced and accessible', async () => {
    const store = createFeedStore({
      feed: 'https://example.invalid/manifest.json',
      clientOptions: { cache: false, fetch: () => new Promise<Response>(() => {}) },
    });
    const el = await mount(store);
    await waitUntil(() => $(el, '[part="loading"]'));
    expect($(el, '[part="loading"]')!.textContent).to.contain('Chargement');
    await expect(el).to.be.accessible();
  });

  it('error state says it in plain French, with a retry, accessible', async () => {
    const store = createFeedStore({
      feed: 'https://example.invalid/manifest.json',
      clientOptions: { cache: false, retry: 0, fetch: async () => new Response('oops', { status: 500 }) },
    });
    const el = await mount(store);
    await waitUntil(() => $(el, '[part="error"]'), 'error', { timeout: 15000 });
    expect($(el, '[part="error"]')!.textContent).to.contain(
      'Les structures n’ont pas pu être chargées (erreur du serveur).',
    );
    expect($(el, '[part="error"] button')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('stale data (offline) is shown with a notice, accessible', async () => {
    const real = await inlineStore([structure('a', 'Épicerie solidaire')]);
    const stale = {
      ...real,
      getState: () => ({
        ...real.getState(),
        stale: true,
        fetchedAt: new Date('2025-01-02'),
        error: new FeedNetworkError(),
      }),
    } as FeedStore;
    // "Hors ligne" only when the browser says it is offline (else: "serveur injoignable").
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const el = await mount(stale);
      await waitUntil(() => $(el, '[part="stale"]'));
      expect($(el, '[part="stale"]')!.textContent).to.contain('Hors ligne');
      await cards(el);
      await expect(el).to.be.accessible();
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });

  it('detail: address, tel:/mailto: links, website only if http(s), hours with "ouvert maintenant", sources, report link', async () => {
    const store = await inlineStore(
      [
        structure('a', 'Ressourcerie du Canal', {
          description: 'Réemploi et réparation.',
          address: { street: '1 rue du Canal', postcode: '93100', commune: 'Montreuil' },
          geo: { lat: 48.86, lon: 2.44 },
          contacts: {
            phone: '01 23 45 67 89',
            email: 'contact@example.org',
            website: 'https://ressourcerie.example.org/',
          },
          openingHours: 'Mo-Su 00:00-24:00',
          // What `essaim build` writes beside it (packages/cli/src/normalize/opening-hours-week.ts).
          openingHoursWeek: { week: Array.from({ length: 7 }, () => [[0, 1440]]) },
          accessibility: { wheelchair: 'yes' },
        }),
      ],
      { reportErrorUrl: 'https://example.org/signaler?id={id}&nom={name}&source={source}' },
    );
    const el = await mount(store);
    const [card] = await cards(el);
    card!.click();
    await waitUntil(() => $(el, '#detail-heading'));
    const detail = $(el, '[part="detail"]')!;
    expect(detail.textContent).to.contain('1 rue du Canal');
    expect(detail.querySelector('a[href="tel:0123456789"]')).to.exist;
    expect(detail.querySelector('a[href="mailto:contact@example.org"]')).to.exist;
    expect(detail.querySelector('a[href="https://ressourcerie.example.org/"]')).to.exist;
    expect(detail.textContent).to.contain('Accessible en fauteuil roulant');
    expect(detail.textContent).to.contain('Source de test');
    expect(detail.textContent).to.contain('Mis à jour le 1 mars 2025');
    const report = detail.querySelector<HTMLAnchorElement>('a.report')!;
    expect(report.href).to.equal(
      'https://example.org/signaler?id=test--a&nom=Ressourcerie%20du%20Canal&source=test',
    );
    await waitUntil(() => detail.querySelector('.open-state'), 'opening state', { timeout: 15000 });
    expect(detail.querySelector('.open-state')!.textContent).to.contain('Ouvert maintenant');
    expect(detail.querySelectorAll('.week dd')).to.have.length(7);
    expect(detail.querySelector('.week dd')!.textContent).to.contain('00:00–24:00');
    await expect(el).to.be.accessible();
  });

  it('detail: hours without the compact week (an older feed) are shown as given, with no open/closed claim', async () => {
    const store = await inlineStore([
      structure('a', 'Ressourcerie du Canal', { openingHours: 'Mo-Su 00:00-24:00' }),
    ]);
    const el = await mount(store);
    const [card] = await cards(el);
    card!.click();
    await waitUntil(() => $(el, '#detail-heading'));
    const detail = $(el, '[part="detail"]')!;
    await waitUntil(() => detail.querySelector('code'), 'raw opening hours');
    expect(detail.querySelector('code')!.textContent).to.equal('Mo-Su 00:00-24:00');
    expect(detail.textContent).to.contain('Horaires indiqués par la source');
    expect(detail.querySelector('.open-state')).to.equal(null);
    expect(detail.textContent).not.to.contain('Ouvert maintenant');
    await expect(el).to.be.accessible();
  });

  it('groups the commune facet by COG code, labelled with the name most addresses give', async () => {
    const at = (commune: string) => ({ address: { commune, cog: { commune: '93070' } } });
    const el = await mount(
      await inlineStore([
        structure('a', 'Atelier vélo', at('Paris-la défense')),
        structure('b', 'Ressourcerie', at('Saint-Ouen-sur-Seine')),
        structure('c', 'Épicerie', at('Saint-Ouen-sur-Seine')),
      ]),
    );
    await cards(el);
    const facet = $$(el, 'fieldset.facet').find((f) => f.querySelector('legend')!.textContent === 'Commune')!;
    const labels = [...facet.querySelectorAll('label')].map((l) =>
      l.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(labels).to.deep.equal(['Saint-Ouen-sur-Seine (3)']);
  });

  it('detail: the lines of a multi-line street stay lines', async () => {
    const el = await mount(
      await inlineStore([
        structure('m', 'Kent Community Energy', {
          address: {
            street: 'Po Box 63\n116 Commercial Road',
            postcode: 'ME14 1XX',
            commune: 'Maidstone',
            country: 'GB',
          },
        }),
      ]),
    );
    (await cards(el))[0]!.click();
    await waitUntil(() => $(el, '#detail-heading'));
    const dd = $(el, '[part="detail"] dd')!;
    expect(dd.querySelectorAll('br').length).to.equal(2);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered line breaks are what is tested
    expect(dd.innerText).to.match(/^Po Box 63\n116 Commercial Road\nME14 1XX Maidstone/);
  });

  it('detail: a record no source dates says its update date is unknown (never a date)', async () => {
    const undated = structure('u', 'Épicerie solidaire');
    delete undated.updatedAt;
    const el = await mount(await inlineStore([undated]));
    (await cards(el))[0]!.click();
    await waitUntil(() => $(el, '#detail-heading'));
    const detail = $(el, '[part="detail"]')!;
    expect(detail.textContent).to.contain('Date de mise à jour inconnue');
    expect(detail.textContent).not.to.contain('Mis à jour le');
  });

  it('report link falls back to the source’s editUrl without a manifest template', async () => {
    const store = await inlineStore([structure('b', 'Café associatif')]);
    const el = await mount(store);
    (await cards(el))[0]!.click();
    await waitUntil(() => $(el, 'a.report'));
    expect($<HTMLAnchorElement>(el, 'a.report')!.href).to.equal('https://example.org/edit/b');
  });
});
