/**
 * The event contract: `cancelable` only where `preventDefault()` has an effect, and honoured there.
 */
import type { FeedStore } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-map.ts';
import { cards, realFeed } from './helpers.ts';

describe('events: cancelable only where honoured', function () {
  this.timeout(60000);
  let store: FeedStore;
  before(async () => {
    store = await realFeed();
  });

  it('the directory’s ess-select is not cancelable (nothing to prevent)', async () => {
    const w = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-directory></ess-directory></ess-feed>`,
    );
    const el = w.querySelector('ess-directory')!;
    const [card] = await cards(el);
    let event: CustomEvent | undefined;
    w.addEventListener('ess-select', (e) => (event = e), { once: true });
    card!.click();
    expect(event?.detail.id).to.be.a('string');
    expect(event!.cancelable).to.equal(false);
    expect(event!.bubbles && event!.composed).to.equal(true);
    w.remove();
  });

  it('the map’s ess-select is cancelable, and preventDefault() keeps the selection unchanged', async () => {
    const w = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-map style="width:400px;height:300px"></ess-map></ess-feed>`,
    );
    const map = w.querySelector('ess-map')!;
    await waitUntil(() => map.map, 'map created', { timeout: 30000 });
    const [a, b] = store.getState().feed!.structures;
    store.select(undefined);
    const prevent = (e: Event) => {
      expect(e.cancelable).to.equal(true);
      e.preventDefault();
    };
    map.addEventListener('ess-select', prevent, { once: true });
    map.selectFromUser(a!.id);
    expect(store.getState().selectedId, 'prevented').to.equal(undefined);
    map.selectFromUser(b!.id);
    expect(store.getState().selectedId, 'not prevented').to.equal(b!.id);
    store.select(undefined);
    w.remove();
  });
});
