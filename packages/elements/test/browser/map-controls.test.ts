import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-map.ts';
import type { EssFeed } from '../../src/feed/ess-feed.ts';

/**
 * MapLibre names its "locate me" button only once it knows, asynchronously, whether geolocation is
 * available (a permissions query that can take long on a slow or busy machine). Until then the button
 * had no accessible name: axe's button-name failed at random in CI. This file runs in its own page, so
 * MapLibre has no cached answer, and the query is held unanswered to make the window last.
 */
describe('ess-map controls', function () {
  this.timeout(60000);

  it('names the "locate me" button before MapLibre knows whether geolocation is available', async () => {
    const query = navigator.permissions.query;
    navigator.permissions.query = () => new Promise<PermissionStatus>(() => {}); // never answers
    try {
      const feed = await fixture<EssFeed>(
        html`<ess-feed src="/data/feed/manifest.json"><ess-map style="width:600px;height:420px"></ess-map></ess-feed>`,
      );
      const el = feed.querySelector('ess-map')!;
      await waitUntil(() => el.map, 'map created', { timeout: 30000 });
      const locate = el.shadowRoot!.querySelector<HTMLButtonElement>('.maplibregl-ctrl-geolocate');
      expect(locate, 'the locate-me button').to.exist;
      expect(locate!.getAttribute('aria-label')).to.equal('Me localiser');
      await expect(el).to.be.accessible();
    } finally {
      navigator.permissions.query = query;
    }
  });
});
