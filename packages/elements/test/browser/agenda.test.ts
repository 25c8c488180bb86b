import { createFeedStore, type FeedStore } from '@essaim/sdk';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-agenda.ts';
import type { EssAgenda } from '../../src/agenda/ess-agenda.ts';
import { $, $$, inlineFeed, interceptDownload, realFeed, shadow, type } from './helpers.ts';

async function mount(store: FeedStore, referenceDate = '2026-03-01', lang = 'fr'): Promise<EssAgenda> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}><ess-feed .store=${store}><ess-agenda reference-date=${referenceDate}></ess-agenda></ess-feed></div>`,
  );
  const el = wrapper.querySelector('ess-agenda')!;
  await el.updateComplete;
  await waitUntil(() => $(el, '[part="count"]'), 'agenda rendered', { timeout: 15000 });
  // The filters panel is a chunk loaded right after the first list.
  await waitUntil(() => $(el, '#from'), 'filters loaded', { timeout: 10000 });
  return el;
}

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
const active = (el: Element) => shadow(el).activeElement as HTMLElement | null;

/** Switches view; the month and the week are a lazily loaded chunk: waits for their grid. */
async function showView(el: EssAgenda, view: 'list' | 'month' | 'week'): Promise<void> {
  $(el, `#tab-${view}`)!.click();
  await el.updateComplete;
  if (view !== 'list')
    await waitUntil(() => $(el, '[role="grid"]'), `${view} view loaded`, { timeout: 10000 });
}

const press = async (el: EssAgenda, key: string) => {
  await sendKeys({ press: key });
  await el.updateComplete;
  await aTimeout(0);
};

describe('<ess-agenda> on the real embedded feed', function (this: Mocha.Suite) {
  this.timeout(30000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  it('lists upcoming dates grouped by day under French headings, and is accessible', async () => {
    const el = await mount(store);
    const headings = $$(el, '.day-heading').map(text);
    expect(headings.length).to.be.greaterThan(3);
    // Capitalised in the text (not by CSS, which gave "Dimanche 1 Mars 2026").
    expect(headings[0]).to.equal('Dimanche 1 mars 2026');
    expect(headings).to.include('Mardi 17 mars 2026');
    for (const h of headings)
      expect(h).to.match(/^(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche) \d{1,2} \p{Ll}+ 2026$/u);
    const day17 = $$(el, 'section.day').find(
      (s) => text(s.querySelector('.day-heading')) === 'Mardi 17 mars 2026',
    )!;
    // Three evenings in a row at the same hours: one card, not three.
    const contes = [...day17.querySelectorAll('.card')].filter((c) => text(c).includes('Tour de contes'));
    expect(contes).to.have.length(1);
    expect(text(contes[0]!.querySelector('.time'))).to.equal(
      'Tous les jours du 17 au 19 mars, 19 h 30 – 21 h',
    );
    expect(
      $$(el, '.card').filter((c) => text(c).includes('Tour de contes') && text(c).includes('19 mars')),
    ).to.have.length(1);
    expect(text($(el, '[part="count"]'))).to.match(/évènements trouvés \(\d+ dates\)/);
    expect($(el, '[role="tab"][aria-selected="true"]')!.id).to.equal('tab-list');
    await expect(el).to.be.accessible();
  });

  it('narrows the list with the text filter and with a date range', async () => {
    const el = await mount(store);
    const before = el.connector!.getState().result.total;
    type($<HTMLInputElement>(el, '#q')!, 'vélo');
    await waitUntil(() => el.connector!.getState().query.text === 'vélo', 'text applied');
    await el.updateComplete;
    const after = el.connector!.getState().result.total;
    expect(after).to.be.greaterThan(0).and.lessThan(before);
    // "Mai à Vélo 2026" (7 organisers, 31 days each) is one card among the matches.
    expect($$(el, '.card-button').filter((b) => /vélo/i.test(text(b)))).to.have.length(1);
    // Date range: only 17–18 March.
    const from = $<HTMLInputElement>(el, '#from')!;
    const to = $<HTMLInputElement>(el, '#to')!;
    el.connector!.setText('');
    from.value = '2026-03-17';
    from.dispatchEvent(new Event('change'));
    to.value = '2026-03-18';
    to.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const headings = $$(el, '.day-heading').map(text);
    expect(headings).to.deep.equal(['Mardi 17 mars 2026', 'Mercredi 18 mars 2026']);
  });

  it('month grid: one tab stop, arrows move between days, PageDown changes month, Enter lists the day', async () => {
    const el = await mount(store);
    await showView(el, 'month');
    const grid = $(el, '[role="grid"]')!;
    expect(text($(el, '#month-heading'))).to.equal('Mars 2026');
    const stops = $$(el, '[role="gridcell"]').filter((c) => c.tabIndex === 0);
    expect(stops).to.have.length(1);
    expect(stops[0]!.dataset.date).to.equal('2026-03-01');
    expect(stops[0]!.getAttribute('aria-current')).to.equal('date');
    expect(grid.querySelectorAll('[role="row"]')).to.have.length(7);
    const cell17 = $(el, 'td[data-date="2026-03-17"]')!;
    const cellName = [...cell17.children]
      .filter((c) => c.getAttribute('aria-hidden') !== 'true')
      .map(text)
      .join(' ');
    expect(cellName).to.match(/^mardi 17 mars 2026 : \d+ évènements?$/);
    expect(text($(el, 'td[data-date="2026-03-02"]')!.querySelector('.sr-only:last-child'))).to.match(
      /évènement/,
    );

    stops[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(active(el)?.dataset.date).to.equal('2026-03-02');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await aTimeout(0);
    expect(active(el)?.dataset.date).to.equal('2026-03-16');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    await aTimeout(0);
    expect(active(el)?.dataset.date).to.equal('2026-03-17');
    expect($$(el, '[role="gridcell"]').filter((c) => c.tabIndex === 0)).to.have.length(1);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    await aTimeout(0);
    expect(active(el)?.dataset.date).to.equal('2026-03-16');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    await aTimeout(0);
    expect(active(el)?.dataset.date).to.equal('2026-03-22');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    await aTimeout(0);
    expect(active(el)?.dataset.date).to.equal('2026-03-17');

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const day = $(el, '.day-events')!;
    expect(text(day.querySelector('#open-day-heading'))).to.equal('Évènements du mardi 17 mars 2026');
    expect(text(day)).to.contain('Tour de contes');
    expect($(el, 'td[data-date="2026-03-17"]')!.getAttribute('aria-selected')).to.equal('true');
    await waitUntil(() => /listés sous le calendrier/.test(text($(el, '[aria-live="polite"]'))), 'announced');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'PageDown' });
    await el.updateComplete;
    await aTimeout(0);
    expect(text($(el, '#month-heading'))).to.equal('Avril 2026');
    expect(active(el)?.dataset.date).to.equal('2026-04-17');
    await sendKeys({ press: 'PageUp' });
    await el.updateComplete;
    await aTimeout(0);
    expect(text($(el, '#month-heading'))).to.equal('Mars 2026');
    expect(active(el)?.dataset.date).to.equal('2026-03-17');
  });

  it('week view lists the seven days of the week, and is accessible', async () => {
    const el = await mount(store);
    await showView(el, 'week');
    const days = $$(el, '.week-day .day-heading').map(text);
    expect(days).to.have.length(7);
    expect(days[0]).to.equal('Lundi 23 février 2026');
    expect(days[6]).to.equal('Dimanche 1 mars 2026 (aujourd’hui)');
    $(el, '.week .next')!.click();
    await el.updateComplete;
    expect(text($(el, '#week-heading'))).to.equal('Semaine du lundi 2 mars 2026');
    await expect(el).to.be.accessible();
  });

  it('week grid: one tab stop, arrows and Home/End move between days, Page Down changes week, Enter goes to the day', async () => {
    const el = await mount(store, '2026-03-18');
    await showView(el, 'week');
    const grid = $(el, '[role="grid"]')!;
    expect(grid.getAttribute('aria-labelledby')).to.equal('week-heading');
    expect(grid.querySelectorAll('tbody [role="row"]')).to.have.length(1);
    const cells = $$(el, '[role="gridcell"]');
    expect(cells.map((c) => c.dataset.date)).to.deep.equal([
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
    ]);
    expect(cells.filter((c) => c.tabIndex === 0).map((c) => c.dataset.date)).to.deep.equal(['2026-03-18']);
    // Each cell names its day and its number of events, as the week's list below says.
    // Distinct events: that day's cards and the events already going on (one line each).
    const n17 = $$(el, '#wd-2026-03-17 ~ ul .card').length + $$(el, '#wd-2026-03-17 ~ details li').length;
    const cellText = text($(el, 'td[data-date="2026-03-17"]')!.querySelector('span:last-child'));
    expect(cellText).to.equal(
      n17 === 1 ? '1 évènement' : n17 === 0 ? 'aucun évènement' : `${n17} évènements`,
    );

    cells[2]!.focus();
    await press(el, 'ArrowLeft');
    expect(active(el)?.dataset.date).to.equal('2026-03-17');
    await press(el, 'End');
    expect(active(el)?.dataset.date).to.equal('2026-03-22');
    await press(el, 'Home');
    expect(active(el)?.dataset.date).to.equal('2026-03-16');
    expect($$(el, '[role="gridcell"]').filter((c) => c.tabIndex === 0)).to.have.length(1);
    // Left of Monday: the previous week.
    await press(el, 'ArrowLeft');
    expect(active(el)?.dataset.date).to.equal('2026-03-15');
    expect(text($(el, '#week-heading'))).to.equal('Semaine du lundi 9 mars 2026');
    await press(el, 'PageDown');
    expect(active(el)?.dataset.date).to.equal('2026-03-22');
    expect(text($(el, '#week-heading'))).to.equal('Semaine du lundi 16 mars 2026');
    await press(el, 'PageUp');
    await press(el, 'PageDown');
    await press(el, 'ArrowLeft');
    await press(el, 'ArrowLeft');
    await press(el, 'ArrowLeft');
    await press(el, 'ArrowLeft');
    await press(el, 'ArrowLeft');
    expect(active(el)?.dataset.date).to.equal('2026-03-17');
    await press(el, 'Enter');
    expect(active(el)?.id).to.equal('wd-2026-03-17');
    expect(text(active(el))).to.equal('Mardi 17 mars 2026');
    expect(text(active(el)!.closest('section'))).to.contain('Tour de contes');
    await expect(el).to.be.accessible();
  });

  it('tab list: arrow keys switch views', async () => {
    const el = await mount(store);
    $(el, '#tab-list')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.view).to.equal('month');
    await waitUntil(() => $(el, '[role="grid"]'), 'month grid loaded');
  });

  it('opens an event: status, place with a map link, source, .ics; Escape goes back', async () => {
    const el = await mount(store);
    const button = $$<HTMLButtonElement>(el, '.card-button').find((b) =>
      text(b).startsWith('Tour de contes'),
    )!;
    button.click();
    // The detail is a lazily loaded chunk: wait for it, and for the focus on its heading.
    await waitUntil(() => $(el, '[part="detail"]') && active(el)?.id === 'detail-heading', 'detail open');
    const detail = $(el, '[part="detail"]')!;
    expect(active(el)?.id).to.equal('detail-heading');
    expect(text(detail)).to.contain('Grande Mosquée');
    const map = [...detail.querySelectorAll('a')].find((a) =>
      a.href.startsWith('https://www.openstreetmap.org/'),
    )!;
    expect(map.href).to.match(/mlat=48\.\d+&mlon=2\.\d+/);
    expect(text(detail.querySelector('.provenance'))).to.match(/Source : .+/);
    expect(detail.querySelector('.provenance a')).to.exist;
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await aTimeout(0);
    expect($(el, '[part="detail"]')).to.equal(null);
    expect(text(active(el))).to.contain('Tour de contes');
  });

  it('shows a status as a visible badge (cancelled is listed, not hidden)', async () => {
    const feed = store.getState().feed!;
    const events = feed.events.map((e) =>
      e.title.startsWith('Tour de contes') ? { ...e, status: 'cancelled' as const } : e,
    );
    const el = await mount(store);
    el.connector!.setEvents(events, feed.structures);
    await el.updateComplete;
    const card = $$(el, '.card').find((c) => text(c).includes('Tour de contes'))!;
    expect(text(card.querySelector('.badge.status-cancelled'))).to.equal('Annulé');
    await expect(el).to.be.accessible();
  });

  it('when nothing is upcoming, opens on the most recent month that has events, and says so', async () => {
    // The embedded feed's events are all past at this date: its latest month is May 2026.
    const el = await mount(store, '2027-01-01');
    const empty = $(el, '[part="empty"]')!;
    expect(text(empty.querySelector('p'))).to.equal(
      'Aucun évènement à venir dans ce flux : voici les plus récents, mai 2026.',
    );
    // Real events of May only, each event (or series) once: "Mai à Vélo 2026" is one card of 7 places.
    const c = el.connector!;
    const may = c.between('2026-05-01', '2026-06-01');
    const cards = [...empty.querySelectorAll('.card')];
    expect(cards.length).to.be.greaterThan(1).and.lessThan(may.length);
    expect(new Set(may.map((o) => o.event.title)).size).to.equal(cards.length);
    const velo = cards.filter((card) => text(card).includes('Mai à Vélo 2026'));
    expect(velo).to.have.length(1);
    expect(text(velo[0]!.querySelector('.time'))).to.equal('Du 1er au 31 mai');
    expect(text(velo[0]!.querySelector('.expand'))).to.equal('à 7 endroits');
    expect($$(el, '.day-heading').every((h) => /mai 2026$/.test(text(h)))).to.equal(true);
    await expect(el).to.be.accessible();
    // The month view opens on that month too.
    await showView(el, 'month');
    expect(text($(el, '#month-heading'))).to.equal('Mai 2026');
  });

  it('downloads one event and the current selection as .ics', async () => {
    const el = await mount(store);
    const card = $$(el, '.card').find((c) => text(c).includes('Tour de contes'))!;
    let dl = interceptDownload();
    try {
      card.querySelector<HTMLButtonElement>('button.ics')!.click();
      const ics = await (await dl.blob).text();
      expect(ics).to.contain('BEGIN:VCALENDAR');
      expect(ics).to.match(/UID:openagenda--\d+-\d+@essaim/);
      expect(ics).to.contain('SUMMARY:Tour de contes');
    } finally {
      dl.restore();
    }
    dl = interceptDownload();
    try {
      $(el, 'button.ics-selection')!.click();
      const ics = await (await dl.blob).text();
      expect(ics).to.contain('BEGIN:VCALENDAR');
      const count = (ics.match(/BEGIN:VEVENT/g) ?? []).length;
      expect(count).to.equal(el.connector!.getState().result.occurrences.length);
    } finally {
      dl.restore();
    }
  });

  it('speaks English with lang="en"', async () => {
    const el = await mount(store, '2026-03-01', 'en');
    expect($$(el, '.day-heading').map(text)).to.include('Tuesday, 17 March 2026');
    expect(text($(el, '#tab-month'))).to.equal('Month');
  });
});

describe('<ess-agenda> territory, whole days and calendars to subscribe to (events of the seeds)', function (this: Mocha.Suite) {
  this.timeout(30000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  async function mountScoped(attrs: { departements?: string; regions?: string; base?: string }) {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="fr"><ess-feed .store=${store}><ess-agenda
        reference-date="2020-11-01"
        departements=${attrs.departements ?? ''}
        regions=${attrs.regions ?? ''}
        calendars-base=${attrs.base ?? ''}
      ></ess-agenda></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-agenda')!;
    await waitUntil(() => $(el, '[part="count"]'), 'agenda rendered', { timeout: 15000 });
    await waitUntil(() => $(el, '#from'), 'filters loaded', { timeout: 10000 });
    return el;
  }

  it('departements="46" lists only the events held in the Lot, as whole days without an hour', async () => {
    const el = await mountScoped({ departements: '46' });
    expect(el.connector!.getState().query.territory).to.deep.equal({ departements: ['46'] });
    const titles = $$(el, '.card-button').map(text);
    expect(titles).to.deep.equal(['Agora de l’ESS — Lot'.replace('’', "'")]);
    const card = $(el, '.card')!;
    expect(text(card.querySelector('.time'))).to.equal('Toute la journée');
    expect(text(card)).to.not.match(/\d{1,2}:\d{2}/);
    expect(text($(el, '.day-heading'))).to.equal('Mardi 10 novembre 2020');
    await expect(el).to.be.accessible();
  });

  it('regions="76" lists the six Agoras and the forum, the forum over two days', async () => {
    const el = await mountScoped({ regions: '76' });
    const titles = new Set($$(el, '.card-button').map(text));
    expect([...titles].filter((t) => t.startsWith('Agora'))).to.have.length(6);
    const forum = $$(el, '.card').find((c) => text(c).includes('Forum régional'))!;
    expect(text(forum.querySelector('.time'))).to.equal('Du 20 au 21 novembre');
    forum.querySelector<HTMLButtonElement>('.card-button')!.click();
    await waitUntil(() => $(el, '[part="detail"]'), 'detail open');
    expect(text($(el, '[part="detail"] .time'))).to.equal('Du 20 au 21 novembre 2020');
  });

  it('offers the calendars of its territory to subscribe to, from the manifest, at their real address', async () => {
    const base = new URL('/data/feed/', location.href).href;
    const el = await mountScoped({ departements: '46', base });
    const links = [...shadow(el).querySelectorAll<HTMLAnchorElement>('[part="subscribe"] a')];
    // Only the Lot's calendar: not the theme × Lot one, whose theme the view does not filter on.
    expect(links.map((a) => a.href)).to.deep.equal([`${base}calendars/departement-46.ics`]);
    const manifest = store.getState().feed!.manifest;
    const lot = manifest.calendars!.find((c) => c.url === 'calendars/departement-46.ics')!;
    expect(text(links[0])).to.equal(lot.name);
    const ics = await (await fetch(links[0]!.href)).text();
    expect(ics).to.contain('BEGIN:VCALENDAR');
    expect(ics).to.contain('DTSTART;VALUE=DATE:20201110');
    await expect(el).to.be.accessible();
    // With the theme ticked too: the Lot's calendar, the theme's, and the combined theme × Lot one.
    el.connector!.toggleFacet('categories', 'event-category--rencontre');
    await el.updateComplete;
    const scoped = [...shadow(el).querySelectorAll<HTMLAnchorElement>('[part="subscribe"] a')].map(
      (a) => a.href,
    );
    expect(scoped).to.have.members([
      `${base}calendars/departement-46.ics`,
      `${base}calendars/categorie-rencontre.ics`,
      `${base}calendars/categorie-rencontre--departement-46.ics`,
    ]);
    // Without a base, the manifest's relative addresses are not offered.
    const bare = await mountScoped({ departements: '46' });
    expect($(bare, '[part="subscribe"]')).to.equal(null);
  });
});

describe('<ess-agenda> near a point', function (this: Mocha.Suite) {
  this.timeout(30000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  /** Distance in km between two WGS 84 points (haversine), computed here independently of the SDK. */
  const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
    const r = Math.PI / 180;
    const h =
      Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
      Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
    return 12742 * Math.asin(Math.sqrt(h));
  };

  it('"Utiliser ma position" keeps the events within the chosen distance; the filter can be removed', async () => {
    const here = { lat: 48.8606, lon: 2.3376 }; // Paris, Louvre
    const geolocation = Object.getOwnPropertyDescriptor(Navigator.prototype, 'geolocation')!;
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition: (ok: PositionCallback) =>
          ok({ coords: { latitude: here.lat, longitude: here.lon } } as GeolocationPosition),
      },
    });
    try {
      const el = await mount(store);
      const all = el.connector!.getState().result.eventCount;
      const select = $<HTMLSelectElement>(el, '#radius')!;
      select.value = '5';
      select.dispatchEvent(new Event('change'));
      $<HTMLButtonElement>(el, '.near .locate')!.click();
      await waitUntil(() => el.connector!.getState().query.near, 'near applied');
      await el.updateComplete;
      const state = el.connector!.getState();
      expect(state.query.near).to.deep.equal({ ...here, radiusKm: 5 });
      expect(state.result.eventCount).to.be.greaterThan(0).and.lessThan(all);
      for (const o of state.result.occurrences)
        expect(km(here, o.event.place!.geo!), o.eventId).to.be.at.most(5);
      expect(text($(el, '.near-active'))).to.contain('moins de 5 km');
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '.near-active button')!.click();
      await el.updateComplete;
      expect(el.connector!.getState().query.near).to.equal(undefined);
      expect(el.connector!.getState().result.eventCount).to.equal(all);
    } finally {
      delete (navigator as { geolocation?: unknown }).geolocation;
      expect(Object.getOwnPropertyDescriptor(Navigator.prototype, 'geolocation')).to.deep.equal(geolocation);
    }
  });

  it('near="lat,lon" and radius preset the distance filter', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-agenda reference-date="2026-03-01" near="48.8606,2.3376" radius="3"></ess-agenda></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-agenda')!;
    await waitUntil(() => $(el, '[part="count"]'), 'agenda rendered', { timeout: 15000 });
    expect(el.connector!.getState().query.near).to.deep.equal({ lat: 48.8606, lon: 2.3376, radiusKm: 3 });
    expect(el.connector!.getState().result.total).to.be.greaterThan(0);
    for (const o of el.connector!.getState().result.occurrences)
      expect(km({ lat: 48.8606, lon: 2.3376 }, o.event.place!.geo!)).to.be.at.most(3);
  });
});

describe('<ess-agenda> links, URL and JSON-LD', function (this: Mocha.Suite) {
  this.timeout(30000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  it('shows the organiser from the page’s links and selects it (store.select + ess-select)', async () => {
    // Real links of the embedded feed: the Agoras of 2020 are organised by the CRESS Occitanie.
    const el = await mount(store, '2020-11-01');
    const org = store.structure('seeds--cress-occitanie')!;
    expect(org, 'organiser in the feed').to.not.equal(undefined);
    $$<HTMLButtonElement>(el, '.card-button')
      .find((b) => text(b).includes('Lot'))!
      .click();
    await waitUntil(() => $(el, '.select-organizer'), 'detail open');
    expect(
      store
        .links()!
        .structuresOf('seeds-agenda--agora-lot-2020')
        .map((l) => l.via),
    ).to.include('organizer');
    const button = $<HTMLButtonElement>(el, '.select-organizer')!;
    expect(text(button)).to.contain(org.name);
    const event = oneEvent(el, 'ess-select');
    button.click();
    expect((await event).detail).to.deep.equal({ id: org.id });
    expect(store.getState().selectedId).to.equal(org.id);
    await expect(el).to.be.accessible();
  });

  it('sync-url reads and writes ess-agenda-* parameters; jsonld writes a schema.org list', async () => {
    const original = location.href;
    history.replaceState(null, '', '?ess-agenda-view=month&ess-agenda-date=2026-04-10&other=1');
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<ess-feed .store=${store}><ess-agenda reference-date="2026-03-01" sync-url jsonld></ess-agenda></ess-feed>`,
      );
      const el = wrapper.querySelector('ess-agenda')!;
      await waitUntil(() => $(el, '#month-heading'), 'month shown', { timeout: 15000 });
      expect(text($(el, '#month-heading'))).to.equal('Avril 2026');
      $(el, '.calendar .next')!.click();
      await el.updateComplete;
      expect(new URL(location.href).searchParams.get('ess-agenda-date')).to.equal('2026-05-10');
      expect(new URL(location.href).searchParams.get('other')).to.equal('1');
      await waitUntil(() => el.querySelector('script[type="application/ld+json"]'), 'JSON-LD written');
      const script = el.querySelector('script[type="application/ld+json"]')!;
      const data = JSON.parse(script.textContent!);
      expect(data['@type']).to.equal('ItemList');
      expect(data.itemListElement[0].item['@type']).to.equal('Event');
    } finally {
      history.replaceState(null, '', original);
    }
  });
});

describe('<ess-agenda> event detail: the place as the source gives it', function (this: Mocha.Suite) {
  this.timeout(30000);

  /** The Cité des sciences event of the real OpenAgenda export (uid 78819197), its place as imported. */
  const event = (place: Record<string, unknown>) => ({
    id: 'openagenda--78819197',
    title: 'Week-end Sophie Adenot à la Cité des sciences',
    start: '2026-02-14T10:00:00+01:00',
    end: '2026-02-14T18:00:00+01:00',
    place: {
      name: 'Cité des sciences et de l’industrie',
      address: { street: '30 avenue Corentin Cariou', postcode: '75019', commune: 'Paris' },
      ...place,
    },
    provenance: [{ source: 'openagenda', name: 'Cité des sciences', localId: '78819197' }],
  });
  async function open(place: Record<string, unknown>): Promise<HTMLElement> {
    const base = inlineFeed([]);
    const store = createFeedStore({
      feed: { ...base, parts: { ...base.parts, events: [event(place)] } },
      clientOptions: { cache: false },
    });
    await store.load();
    const el = await mount(store, '2026-02-01');
    $$<HTMLButtonElement>(el, '.card-button')[0]!.click();
    await waitUntil(() => $(el, '[part="detail"]'), 'detail open');
    return $(el, '[part="detail"]')!;
  }

  it('shows how to get there and the place’s phone and website, as links', async () => {
    const detail = await open({
      geo: { lat: 48.895752, lon: 2.387976 },
      contacts: { phone: '01 85 53 99 74', website: 'http://www.cite-sciences.fr/' },
      access:
        'Paris périphérique nord, sortie Porte de la Villette. Métro ligne 7, station Porte de la Villette.',
    });
    expect(text(detail.querySelector('.access'))).to.equal(
      'Accès : Paris périphérique nord, sortie Porte de la Villette. Métro ligne 7, station Porte de la Villette.',
    );
    expect(detail.querySelector('a[href="tel:0185539974"]')).to.exist;
    expect(detail.querySelector('a[href="http://www.cite-sciences.fr/"]')).to.exist;
    expect(detail.querySelector('.approx')).to.equal(null);
  });

  it('says when the place is only its commune centre', async () => {
    const detail = await open({ geo: { lat: 48.8566, lon: 2.3522, precision: 'commune' } });
    expect(text(detail.querySelector('.approx'))).to.equal('Position approximative (centre de la commune)');
  });
});
