/**
 * The page store is the hub: a map shows the events of an agenda connector that an app built on the SDK
 * alone (no `<ess-agenda>` on the page), the orientation offers the views the store knows (not those it
 * would find in the page), and `ess-agenda-change` is fired for user actions only.
 */
import { type AgendaOccurrence, createAgendaListConnector, createFeedStore } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-map.ts';
import '../../src/define/ess-orientation.ts';
import { $, REAL_FEED } from './helpers.ts';
import { renderedCount } from './map-helpers.ts';

const LONG = 30000;

/** The test's own rule for a drawable event: a place with coordinates, not online only. */
const drawable = (os: readonly AgendaOccurrence[]) =>
  os.filter((o) => o.event.place?.geo && o.event.attendanceMode !== 'online' && o.status !== 'moved-online');

describe('the page store as hub', function () {
  this.timeout(60000);

  it('a map shows the events of an SDK agenda connector, with no <ess-agenda> on the page', async () => {
    const store = createFeedStore({ feed: REAL_FEED, clientOptions: { cache: false } });
    await store.load();
    const feed = store.getState().feed!;
    const connector = createAgendaListConnector(feed.events, {
      now: '2026-03-01',
      structures: feed.structures,
      initial: { referenceDate: '2026-03-01' },
    });
    const opened: string[] = [];
    store.agenda.set({ connector, openEvent: (id) => opened.push(id) });
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-map show="events" style="width:600px;height:520px"></ess-map></ess-feed>`,
    );
    expect(wrapper.querySelector('ess-agenda')).to.equal(null);
    const el = wrapper.querySelector('ess-map')!;
    await waitUntil(() => el.map, 'map created', { timeout: LONG });
    await Promise.race([el.ready, new Promise((_, no) => setTimeout(() => no(new Error('no idle')), LONG))]);
    const map = el.map!;
    const all = drawable(connector.matchingEvents());
    expect(all.length).to.be.greaterThan(5);
    map.jumpTo({ center: [2, 20], zoom: 0 });
    await waitUntil(() => renderedCount(map) === all.length, 'all events drawn', { timeout: LONG });
    expect($(el, '[part="note"]'), 'no « no agenda » note').to.equal(null);
    // The app's filters: the map follows the connector.
    connector.setText('vélo');
    const cycling = drawable(connector.matchingEvents());
    expect(cycling.length).to.be.within(1, all.length - 1);
    await waitUntil(() => renderedCount(map) === cycling.length, 'filtered events drawn', { timeout: LONG });
    // Choosing an event asks the shared agenda to show it.
    el.selectFromUser(cycling[0]!.eventId);
    expect(opened).to.deep.equal([cycling[0]!.eventId]);
    store.dispose();
  });

  it('ess-agenda-change is fired for user actions only, not when the feed loads', async () => {
    const store = createFeedStore({ feed: REAL_FEED, clientOptions: { cache: false } });
    const changes: unknown[] = [];
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store} @ess-agenda-change=${(e: Event) => changes.push(e)}>
        <ess-agenda reference-date="2026-03-01"></ess-agenda>
      </ess-feed>`,
    );
    const agenda = wrapper.querySelector('ess-agenda')!;
    await waitUntil(() => $(agenda, '[part="count"]'), 'agenda rendered', { timeout: LONG });
    await waitUntil(() => $(agenda, '#from'), 'filters loaded', { timeout: LONG });
    expect(store.agenda.get()?.connector).to.equal(agenda.connector);
    expect(changes, 'nothing on load').to.have.length(0);
    const box = $(agenda, 'input[type="checkbox"]') as HTMLInputElement;
    box.click();
    await agenda.updateComplete;
    expect(changes.length, 'one after a user action').to.equal(1);
    wrapper.remove();
    expect(store.agenda.get(), 'the agenda leaves the store with its element').to.equal(undefined);
    store.dispose();
  });

  it('the orientation offers « Voir sur la carte » for a map view the store knows, none in the page', async () => {
    const store = createFeedStore({ feed: REAL_FEED, clientOptions: { cache: false } });
    const before = location.href;
    history.replaceState(null, '', '?ess-parcours=qui%3Dprojet%26besoin%3Dcreer%26projet%3Dfinance%26ou%3D');
    const offView = store.views.add('map');
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<ess-feed .store=${store}><ess-orientation sync-url></ess-orientation></ess-feed>`,
      );
      const el = wrapper.querySelector('ess-orientation')!;
      await waitUntil(() => $(el, '#results-heading') && $(el, 'button.show'), 'results', { timeout: LONG });
      expect(wrapper.querySelector('ess-map, ess-directory')).to.equal(null);
      expect($(el, 'button.show')!.textContent!.trim()).to.equal('Voir sur la carte');
      offView();
      await el.updateComplete;
      expect($(el, 'button.show'), 'the view left: no button').to.equal(null);
      wrapper.remove();
    } finally {
      history.replaceState(null, '', before);
      store.dispose();
    }
  });
});
