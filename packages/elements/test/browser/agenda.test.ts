import type { FeedStore } from '@essaim/sdk';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-agenda.ts';
import type { EssAgenda } from '../../src/agenda/ess-agenda.ts';
import { $, $$, realFeed, shadow, type } from './helpers.ts';

async function mount(store: FeedStore, referenceDate = '2026-03-01', lang = 'fr'): Promise<EssAgenda> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}><ess-feed .store=${store}><ess-agenda reference-date=${referenceDate}></ess-agenda></ess-feed></div>`,
  );
  const el = wrapper.querySelector('ess-agenda')!;
  await el.updateComplete;
  await waitUntil(() => $(el, '[part="count"]'), 'agenda rendered', { timeout: 15000 });
  return el;
}

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
const active = (el: Element) => shadow(el).activeElement as HTMLElement | null;

async function showView(el: EssAgenda, view: 'list' | 'month' | 'week'): Promise<void> {
  $(el, `#tab-${view}`)!.click();
  await el.updateComplete;
}

/** Captures the next Blob given to URL.createObjectURL (the download is not performed). */
function interceptDownload(): { blob: Promise<Blob>; restore: () => void } {
  const create = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  let resolve!: (b: Blob) => void;
  const blob = new Promise<Blob>((r) => (resolve = r));
  URL.createObjectURL = (b: Blob | MediaSource) => {
    resolve(b as Blob);
    return 'blob:intercepted';
  };
  HTMLAnchorElement.prototype.click = () => {};
  return {
    blob,
    restore: () => {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

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
    expect(headings[0]).to.equal('dimanche 1 mars 2026');
    expect(headings).to.include('mardi 17 mars 2026');
    for (const h of headings)
      expect(h).to.match(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \p{L}+ 2026$/u);
    const day17 = $$(el, 'section.day').find(
      (s) => text(s.querySelector('.day-heading')) === 'mardi 17 mars 2026',
    )!;
    expect(text(day17)).to.contain('Tour de contes');
    expect(text(day17)).to.match(/de 19:30 à/);
    expect(text($(el, '[part="count"]'))).to.match(/dates trouvées/);
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
    for (const b of $$(el, '.card-button')) expect(text(b)).to.match(/vélo/i);
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
    expect(headings).to.deep.equal(['mardi 17 mars 2026', 'mercredi 18 mars 2026']);
  });

  it('month grid: one tab stop, arrows move between days, PageDown changes month, Enter lists the day', async () => {
    const el = await mount(store);
    await showView(el, 'month');
    const grid = $(el, '[role="grid"]')!;
    expect(text($(el, '#month-heading'))).to.equal('mars 2026');
    const stops = $$(el, '[role="gridcell"]').filter((c) => c.tabIndex === 0);
    expect(stops).to.have.length(1);
    expect(stops[0]!.dataset.date).to.equal('2026-03-01');
    expect(stops[0]!.getAttribute('aria-current')).to.equal('date');
    expect(grid.querySelectorAll('[role="row"]')).to.have.length(7);
    const cell17 = $(el, 'td[data-date="2026-03-17"]')!;
    const cellName = [...cell17.children]
      .filter((c) => !c.matches('.num'))
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
    expect(text($(el, '#month-heading'))).to.equal('avril 2026');
    expect(active(el)?.dataset.date).to.equal('2026-04-17');
    await sendKeys({ press: 'PageUp' });
    await el.updateComplete;
    await aTimeout(0);
    expect(text($(el, '#month-heading'))).to.equal('mars 2026');
    expect(active(el)?.dataset.date).to.equal('2026-03-17');
  });

  it('week view lists the seven days of the week, and is accessible', async () => {
    const el = await mount(store);
    await showView(el, 'week');
    const days = $$(el, '.week-day .day-heading').map(text);
    expect(days).to.have.length(7);
    expect(days[0]).to.equal('lundi 23 février 2026');
    expect(days[6]).to.equal('dimanche 1 mars 2026 (aujourd’hui)');
    $(el, '.week .next')!.click();
    await el.updateComplete;
    expect(text($(el, '#week-heading'))).to.equal('Semaine du lundi 2 mars 2026');
    await expect(el).to.be.accessible();
  });

  it('tab list: arrow keys switch views', async () => {
    const el = await mount(store);
    $(el, '#tab-list')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.view).to.equal('month');
    expect($(el, '[role="grid"]')).to.exist;
  });

  it('opens an event: status, place with a map link, source, .ics; Escape goes back', async () => {
    const el = await mount(store);
    const button = $$<HTMLButtonElement>(el, '.card-button').find((b) =>
      text(b).startsWith('Tour de contes'),
    )!;
    button.click();
    await el.updateComplete;
    await aTimeout(0);
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

  it('says when nothing is upcoming and shows the latest past events', async () => {
    const el = await mount(store, '2027-01-01');
    const empty = $(el, '[part="empty"]')!;
    expect(text(empty)).to.contain('Aucun évènement à venir');
    const past = empty.querySelectorAll('.card');
    expect(past.length).to.be.greaterThan(0).and.at.most(5);
    expect(text(empty)).to.match(/2026/);
    await expect(el).to.be.accessible();
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

describe('<ess-agenda> links, URL and JSON-LD', function (this: Mocha.Suite) {
  this.timeout(30000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  it('shows the organiser and selects it in the page (store.select + ess-select)', async () => {
    const feed = store.getState().feed!;
    const org = feed.structures[0]!;
    const events = feed.events.map((e) =>
      e.title.startsWith('Tour de contes') ? { ...e, organizerIds: [org.id] } : e,
    );
    const el = await mount(store);
    el.connector!.setEvents(events, feed.structures);
    await el.updateComplete;
    $$<HTMLButtonElement>(el, '.card-button')
      .find((b) => text(b).startsWith('Tour de contes'))!
      .click();
    await el.updateComplete;
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
      expect(text($(el, '#month-heading'))).to.equal('avril 2026');
      $(el, '.calendar .next')!.click();
      await el.updateComplete;
      expect(new URL(location.href).searchParams.get('ess-agenda-date')).to.equal('2026-05-10');
      expect(new URL(location.href).searchParams.get('other')).to.equal('1');
      const script = el.querySelector('script[type="application/ld+json"]')!;
      const data = JSON.parse(script.textContent!);
      expect(data['@type']).to.equal('ItemList');
      expect(data.itemListElement[0].item['@type']).to.equal('Event');
    } finally {
      history.replaceState(null, '', original);
    }
  });
});
