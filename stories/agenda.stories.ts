import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../packages/elements/src/define/ess-agenda.ts';
import '../packages/elements/src/define/ess-feed.ts';
import type { EssAgenda } from '../packages/elements/src/agenda/ess-agenda.ts';
import type { FeedStore } from '@essaim/sdk';
import {
  FEED,
  feedUrl,
  neverResolvingFetch,
  numberIn,
  offlineFetch,
  shadowOf,
  staleOfflineStore,
  storeWithFetch,
} from './support.ts';

/** Loading the whole embedded feed and indexing it takes a moment on a slow machine. */
const LOAD = { timeout: 15000 };
/** "Today" for the stories: the embedded feed's 2026 events are then upcoming. */
const TODAY = '2026-03-01';

const meta: Meta = {
  title: 'Elements/ess-agenda',
  component: 'ess-agenda',
  render: () => html`<ess-agenda feed=${FEED} reference-date=${TODAY}></ess-agenda>`,
};
export default meta;
type Story = StoryObj;

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The element and its shadow root, once the feed is loaded and the result count rendered. */
async function mounted(canvas: HTMLElement): Promise<{ el: EssAgenda; root: ShadowRoot }> {
  const el = canvas.querySelector<EssAgenda>('ess-agenda')!;
  const root = shadowOf(canvas, 'ess-agenda');
  await waitFor(() => expect(root.querySelector('[part="count"]')).not.toBeNull(), LOAD);
  await el.updateComplete;
  return { el, root };
}

/** Clicks a view's tab and waits for the render (the month and the week are a lazily loaded chunk). */
async function showView(el: EssAgenda, root: ShadowRoot, view: 'list' | 'month' | 'week'): Promise<void> {
  root.querySelector<HTMLElement>(`#tab-${view}`)!.click();
  await el.updateComplete;
  if (view !== 'list') await waitFor(() => expect(root.querySelector('[role="grid"]')).not.toBeNull(), LOAD);
}

/** Presses a key on the focused element of `root` and waits for the render. */
async function press(el: EssAgenda, root: ShadowRoot, key: string): Promise<void> {
  (root.activeElement as HTMLElement).dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }),
  );
  await el.updateComplete;
}
const focusedDate = (root: ShadowRoot) => (root.activeElement as HTMLElement | null)?.dataset.date;

/** Upcoming dates of the embedded feed, grouped by day under French headings. */
export const List: Story = {
  name: 'List view',
  play: async ({ canvasElement }) => {
    const { root } = await mounted(canvasElement);
    // one count per event (a long event or a series once), its dates beside it
    expect(text(root.querySelector('[part="count"]'))).toMatch(
      /^\d[\d\s]* évènements? trouvés? \(\d[\d\s]* dates?\)$/,
    );
    expect(numberIn(root.querySelector('[part="count"]')?.textContent)).toBeGreaterThan(0);
    const headings = [...root.querySelectorAll('.day-heading')].map(text);
    expect(headings.length).toBeGreaterThan(3);
    expect(headings[0]).toBe('Dimanche 1 mars 2026');
    for (const h of headings)
      expect(h).toMatch(/^(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche) \d{1,2} \p{L}+ 2026$/u);
    expect(root.querySelectorAll('[part="card"]').length).toBeGreaterThan(0);
    expect(root.querySelector('[role="tab"][aria-selected="true"]')?.id).toBe('tab-list');
    expect(root.querySelector('[part="empty"], [part="loading"], [role="alert"]')).toBeNull();
  },
};

/** The month grid (role=grid): one tab stop on "today"; ArrowRight moves the focused day. */
export const Month: Story = {
  name: 'Month view (keyboard)',
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await showView(el, root, 'month');
    const grid = root.querySelector('[role="grid"]');
    expect(grid).not.toBeNull();
    expect(text(root.querySelector('#month-heading'))).toBe('Mars 2026');
    expect(grid!.querySelectorAll('[role="row"]')).toHaveLength(7);
    const stops = () =>
      [...root.querySelectorAll<HTMLElement>('[role="gridcell"]')].filter((c) => c.tabIndex === 0);
    expect(stops()).toHaveLength(1);
    const today = stops()[0]!;
    expect(today.dataset.date).toBe(TODAY);
    expect(today).toHaveAttribute('aria-current', 'date');
    // What a screen reader says of a day (the number and the count shown are aria-hidden).
    const spoken = [...root.querySelector('td[data-date="2026-03-17"]')!.children]
      .filter((c) => c.getAttribute('aria-hidden') !== 'true')
      .map(text)
      .join(' ');
    expect(spoken).toMatch(/^mardi 17 mars 2026\s: \d+ évènements?$/);

    today.focus();
    expect((root.activeElement as HTMLElement | null)?.dataset.date).toBe(TODAY);
    today.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true, cancelable: true }),
    );
    await el.updateComplete;
    await waitFor(() => expect((root.activeElement as HTMLElement | null)?.dataset.date).toBe('2026-03-02'));
    expect(stops()).toHaveLength(1);
    expect(stops()[0]!.dataset.date).toBe('2026-03-02');
  },
};

/**
 * The week as a one-row grid (role=grid): one tab stop, Left/Right and Home/End move the day, Page Down
 * goes to the next week, Enter moves to the day's events listed under the grid.
 */
export const WeekKeyboard: Story = {
  name: 'Week view (keyboard)',
  render: () => html`<ess-agenda feed=${FEED} reference-date="2026-03-18" view="week"></ess-agenda>`,
  play: async ({ canvasElement }) => {
    // The first view is the week (`view="week"`): no list count to wait for, but its grid.
    const el = canvasElement.querySelector<EssAgenda>('ess-agenda')!;
    const root = shadowOf(canvasElement, 'ess-agenda');
    await waitFor(() => expect(root.querySelector('[role="grid"]')).not.toBeNull(), LOAD);
    await el.updateComplete;
    const cells = [...root.querySelectorAll<HTMLElement>('[role="gridcell"]')];
    expect(cells.map((c) => c.dataset.date)).toEqual([
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
    ]);
    expect(cells.filter((c) => c.tabIndex === 0).map((c) => c.dataset.date)).toEqual(['2026-03-18']);
    cells[2]!.focus();
    await press(el, root, 'ArrowLeft');
    await waitFor(() => expect(focusedDate(root)).toBe('2026-03-17'));
    await press(el, root, 'End');
    await waitFor(() => expect(focusedDate(root)).toBe('2026-03-22'));
    await press(el, root, 'PageDown');
    await waitFor(() => expect(focusedDate(root)).toBe('2026-03-29'));
    expect(text(root.querySelector('#week-heading'))).toBe('Semaine du lundi 23 mars 2026');
    await press(el, root, 'PageUp');
    await waitFor(() => expect(focusedDate(root)).toBe('2026-03-22'));
    await press(el, root, 'Home');
    await press(el, root, 'ArrowRight');
    await waitFor(() => expect(focusedDate(root)).toBe('2026-03-17'));
    await press(el, root, 'Enter');
    await waitFor(() => expect(root.activeElement?.id).toBe('wd-2026-03-17'));
    expect(text(root.activeElement?.closest('section'))).toContain('Tour de contes');
  },
};

/** The week of "today": seven days, each under its heading, and a way to the next week. */
export const Week: Story = {
  name: 'Week view',
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    await showView(el, root, 'week');
    const days = [...root.querySelectorAll('.week-day .day-heading')].map(text);
    expect(days).toHaveLength(7);
    expect(days[0]).toBe('Lundi 23 février 2026');
    expect(days[6]).toBe('Dimanche 1 mars 2026 (aujourd’hui)');
    expect(root.querySelector('#tab-week')).toHaveAttribute('aria-selected', 'true');
    root.querySelector<HTMLElement>('.week .next')!.click();
    await el.updateComplete;
    expect(text(root.querySelector('#week-heading'))).toBe('Semaine du lundi 2 mars 2026');
  },
};

/** An event opened from the list: its detail, focused heading, place with a map link, source. */
export const Detail: Story = {
  name: 'Event detail open',
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    const button = [...root.querySelectorAll<HTMLButtonElement>('.card-button')].find((b) =>
      text(b).startsWith('Tour de contes'),
    );
    expect(button).toBeDefined();
    button!.click();
    // The detail is a lazily loaded chunk.
    await waitFor(() => expect(root.querySelector('[part="detail"]')).not.toBeNull(), LOAD);
    await el.updateComplete;
    const detail = root.querySelector('[part="detail"]');
    await waitFor(() => expect(root.activeElement?.id).toBe('detail-heading'));
    expect(text(root.querySelector('#detail-heading'))).toContain('Tour de contes');
    expect(text(detail)).toContain('Grande Mosquée');
    const map = [...detail!.querySelectorAll('a')].find((a) =>
      a.href.startsWith('https://www.openstreetmap.org/'),
    );
    expect(map?.href).toMatch(/mlat=48\.\d+&mlon=2\.\d+/);
    expect(text(detail!.querySelector('.provenance'))).toMatch(/Source : .+/);
    expect(detail!.querySelector('button.back')).not.toBeNull();
  },
};

/** "Today" after the last event (2027-01-01): nothing upcoming, said plainly, with the latest past events. */
export const NoUpcoming: Story = {
  name: 'Nothing upcoming',
  render: () => html`<ess-agenda feed=${FEED} reference-date="2027-01-01"></ess-agenda>`,
  play: async ({ canvasElement }) => {
    const { root } = await mounted(canvasElement);
    const empty = root.querySelector('[part="empty"]');
    expect(empty).toHaveTextContent('Aucun évènement à venir');
    // the most recent month that has events, named, never invented ones
    expect(text(empty)).toMatch(/voici les plus récents, \p{L}+ 2026/u);
    expect(root.querySelectorAll('[part="card"]').length).toBeGreaterThan(0);
  },
};

/**
 * A programme as its publishers meant it (issue 15), on the embedded feed in the middle of May 2026: the
 * month-long "Mai à Vélo 2026" (7 organisers, 31 whole days) is one card « En cours », not 217; a series
 * expands to its dates or places.
 */
export const Programme: Story = {
  name: 'Programme: long events once, series grouped',
  render: () => html`<ess-agenda feed=${FEED} reference-date="2026-05-10"></ess-agenda>`,
  play: async ({ canvasElement }) => {
    const { el, root } = await mounted(canvasElement);
    const titles = [...root.querySelectorAll('.card-button')].map(text);
    expect(titles.filter((t) => t.startsWith('Mai à Vélo')).length).toBe(1);
    const ongoing = root.querySelector('.card.ongoing');
    expect(ongoing).not.toBeNull();
    expect(text(ongoing!.querySelector('[part="badge"].ongoing'))).toBe('En cours');
    const expand = root.querySelector<HTMLButtonElement>('button.expand');
    if (expand) {
      expect(expand).toHaveAttribute('aria-expanded', 'false');
      expand.click();
      await el.updateComplete;
      await waitFor(() => expect(expand).toHaveAttribute('aria-expanded', 'true'), LOAD);
    }
  },
};

/** A feed whose server never answers: the loading notice, and nothing else. */
export const Loading: Story = {
  render: () =>
    html`<ess-feed .store=${storeWithFetch(neverResolvingFetch)}><ess-agenda reference-date=${TODAY}></ess-agenda></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-agenda');
    await waitFor(() => {
      const notice = root.querySelector('[part="loading"]');
      expect(notice).toHaveAttribute('role', 'status');
      expect(notice).toHaveTextContent('Chargement des données…');
    });
    expect(root.querySelectorAll('[part="card"]')).toHaveLength(0);
    expect(root.querySelector('[part="count"], [role="alert"]')).toBeNull();
  },
};

/** The list in English (a `lang="en"` wrapper). */
export const English: Story = {
  render: () => html`<div lang="en"><ess-agenda feed=${FEED} reference-date=${TODAY}></ess-agenda></div>`,
  play: async ({ canvasElement }) => {
    const { root } = await mounted(canvasElement);
    const headings = [...root.querySelectorAll('.day-heading')].map(text);
    expect(headings[0]).toBe('Sunday, 1 March 2026');
    expect(headings).toContain('Tuesday, 17 March 2026');
    expect(text(root.querySelector('#tab-month'))).toBe('Month');
    expect(text(root.querySelector('#tab-list'))).toBe('List');
  },
};

/**
 * Scoped to a territory (`regions="76"`, Occitanie) in November 2020: the events the seeds document
 * (the six Agoras of the CRESS Occitanie, the MES Occitanie forum), whole days without an hour, and the
 * region's calendar to subscribe to (the manifest's relative addresses resolved by `calendars-base`).
 */
export const Territory: Story = {
  name: 'Territory, whole days, subscribe (seeds, 2020)',
  render: () =>
    html`<ess-agenda
      feed=${FEED}
      reference-date="2020-11-01"
      regions="76"
      calendars-base=${new URL('./', feedUrl()).href}
    ></ess-agenda>`,
  play: async ({ canvasElement }) => {
    const { root } = await mounted(canvasElement);
    const titles = [...root.querySelectorAll('.card-button')].map(text);
    expect(titles.filter((t) => t.startsWith('Agora')).length).toBe(6);
    for (const time of root.querySelectorAll('.card .time'))
      expect(text(time)).toMatch(/^(Toute la journée|Du \d.+ au \d.+|Jusqu’au .+)$/);
    // The calendars to subscribe to come with the filters panel, a chunk loaded right after the list.
    const subscribeLinks = () => [...root.querySelectorAll<HTMLAnchorElement>('[part="subscribe"] a')];
    await waitFor(() => expect(subscribeLinks().length).toBeGreaterThan(0), { timeout: 10_000 });
    const links = subscribeLinks();
    expect(links.map((a) => new URL(a.href).pathname)).toEqual([
      new URL('calendars/region-76.ics', feedUrl()).pathname,
    ]);
    // named after the feed's title (the build's calendars)
    expect(text(links[0])).toMatch(/^Essaim — .+ — Occitanie$/);
  },
};

/** No network and nothing cached: the alert says so, no list. */
export const OfflineNoCache: Story = {
  name: 'Offline, nothing cached',
  render: () =>
    html`<ess-feed .store=${storeWithFetch(offlineFetch)}><ess-agenda reference-date=${TODAY}></ess-agenda></ess-feed>`,
  play: async ({ canvasElement }) => {
    const root = shadowOf(canvasElement, 'ess-agenda');
    await waitFor(
      () => expect(root.querySelector('[role="alert"]')).toHaveTextContent('Impossible de joindre le flux'),
      LOAD,
    );
    expect(root.querySelectorAll('[part="card"]')).toHaveLength(0);
  },
};

/** Offline with a copy cached three days ago: the events, marked as possibly old. */
export const OfflineStale: Story = {
  name: 'Unreachable, stale data',
  loaders: [async () => ({ store: await staleOfflineStore() })],
  render: (_args, { loaded }) =>
    html`<ess-feed .store=${loaded.store as FeedStore}><ess-agenda reference-date=${TODAY}></ess-agenda></ess-feed>`,
  play: async ({ canvasElement }) => {
    const { root } = await mounted(canvasElement);
    await waitFor(
      // The browser is online: the server is unreachable, never "Hors ligne".
      () =>
        expect(root.querySelector('[part="stale"]')).toHaveTextContent(
          /^Les évènements n’ont pas pu être mis à jour \(serveur injoignable\) : données du /,
        ),
      LOAD,
    );
    expect(root.querySelectorAll('[part="card"]').length).toBeGreaterThan(0);
  },
};
