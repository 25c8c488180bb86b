/**
 * The four components synced on one page: each keeps its own URL parameters (the directory `ess-q`,
 * `ess-theme`…, the agenda `ess-agenda-*`, the orientation `ess-parcours`), none deletes another's, and
 * the host page's parameters and hash are kept.
 */
import type { FeedStore } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-map.ts';
import '../../src/define/ess-orientation.ts';
import { $, cards, realFeed } from './helpers.ts';

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The four components, synced, on one store. */
const page = (store: FeedStore) =>
  fixture<HTMLElement>(html`<ess-feed .store=${store}>
    <ess-directory sync-url></ess-directory>
    <ess-agenda reference-date="2026-03-01" sync-url></ess-agenda>
    <ess-orientation sync-url></ess-orientation>
    <ess-map sync-url style="width:400px;height:300px"></ess-map>
  </ess-feed>`);

describe('URL state: four components on one page', () => {
  let store: FeedStore;
  before(async () => {
    store = await realFeed();
  });

  it('round-trips every component’s parameters and the host’s', async () => {
    const before = location.href;
    const host = new URL(before).searchParams.get('wtr-session-id');
    try {
      history.replaceState(
        null,
        '',
        `${location.pathname}?wtr-session-id=${host}&page=accueil` +
          '&ess-agenda-view=month&ess-agenda-date=2026-04-10' +
          '&ess-parcours=qui%3Dprojet%26besoin%3Dcreer&ess-q=jardin&ess-map-view=48.85661,2.35222,11.00#top',
      );
      const wrapper = await page(store);
      const directory = wrapper.querySelector('ess-directory')!;
      const agenda = wrapper.querySelector('ess-agenda')!;
      const orientation = wrapper.querySelector('ess-orientation')!;
      const map = wrapper.querySelector('ess-map')!;
      await cards(directory as never);
      // The map opens on the view of the URL.
      await waitUntil(() => map.map, 'map created', { timeout: 30000 });
      expect(map.map!.getZoom()).to.be.closeTo(11, 0.01);
      expect(map.map!.getCenter().lat).to.be.closeTo(48.85661, 1e-4);
      // The agenda opens on the month of the URL (not on « Liste »: the directory left its keys alone).
      await waitUntil(() => $(agenda, '#month-heading'), 'month shown', { timeout: 15000 });
      expect(text($(agenda, '#month-heading'))).to.equal('Avril 2026');
      await waitUntil(() => $(orientation, '#question'), 'question shown', { timeout: 15000 });
      expect(text($(orientation, '#question'))).to.equal('De quoi votre projet a-t-il besoin ?');
      expect(store.search.getState().query.text).to.equal('jardin');

      // A user action in each: every other component's parameters stay.
      store.search.toggleFacet('family', 'association');
      $(agenda, '.calendar .next')!.click();
      await agenda.updateComplete;
      map.map!.jumpTo({ center: [4.83565, 45.764], zoom: 10 }, { originalEvent: new MouseEvent('mouseup') });
      const url = new URL(location.href);
      expect(url.searchParams.get('page')).to.equal('accueil');
      expect(url.searchParams.get('wtr-session-id')).to.equal(host);
      expect(url.hash).to.equal('#top');
      expect(url.searchParams.get('ess-q')).to.equal('jardin');
      expect(url.searchParams.getAll('ess-family')).to.deep.equal(['association']);
      expect(url.searchParams.get('ess-agenda-view')).to.equal('month');
      expect(url.searchParams.get('ess-agenda-date')).to.equal('2026-05-10');
      expect(url.searchParams.get('ess-parcours')).to.equal('qui=projet&besoin=creer');
      expect(url.searchParams.get('ess-map-view')).to.equal('45.76400,4.83565,10.00');

      // A reload of that URL gives every component its state back.
      const shared = location.href;
      wrapper.remove();
      store.search.reset();
      history.replaceState(null, '', shared);
      const again = await page(store);
      const map2 = again.querySelector('ess-map')!;
      await waitUntil(() => map2.map, 'map created again', { timeout: 30000 });
      expect(map2.map!.getZoom()).to.be.closeTo(10, 0.01);
      expect(map2.map!.getCenter().lng).to.be.closeTo(4.83565, 1e-4);
      const agenda2 = again.querySelector('ess-agenda')!;
      await waitUntil(() => $(agenda2, '#month-heading'), 'month shown again', { timeout: 15000 });
      expect(text($(agenda2, '#month-heading'))).to.equal('Mai 2026');
      const q = store.search.getState().query;
      expect(q.text).to.equal('jardin');
      expect(q.facets?.family).to.deep.equal(['association']);
      const orientation2 = again.querySelector('ess-orientation')!;
      await waitUntil(() => $(orientation2, '#question'), 'question shown again', { timeout: 15000 });
      expect(text($(orientation2, '#question'))).to.equal('De quoi votre projet a-t-il besoin ?');
      expect(location.href).to.equal(shared);
      again.remove();
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
