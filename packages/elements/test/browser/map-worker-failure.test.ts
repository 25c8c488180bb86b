import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-map.ts';
import { setMapWorkerUrl } from '../../src/map/worker-url.ts';
import type { EssFeed } from '../../src/feed/ess-feed.ts';

// Its own file: MapLibre's worker pool is created once per page, by the first map.
describe('ess-map when MapLibre’s worker does not load', () => {
  it('names the URL and the fix in the console, and shows the list instead of a blank map', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => {
      errors.push(args.map(String).join(' '));
      original.apply(console, args);
    };
    try {
      setMapWorkerUrl(new URL('/no-such-dir/maplibre-gl-worker.mjs', location.href));
      const feed = await fixture<EssFeed>(
        html`<ess-feed src="/data/feed/manifest.json"><ess-map style="width:600px;height:520px"></ess-map></ess-feed>`,
      );
      const el = feed.querySelector('ess-map')!;
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="unavailable"]'), 'notice', {
        timeout: 30000,
      });
      const said = errors.find((e) => e.includes("MapLibre's worker did not load"));
      expect(said, errors.join('\n')).to.include('/no-such-dir/maplibre-gl-worker.mjs');
      expect(said).to.include('setMapWorkerUrl');
      // The points are still reachable: the list of the map's structures is open.
      await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="list"] li, li').length > 0, 'list', {
        timeout: 30000,
      });
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });
});
