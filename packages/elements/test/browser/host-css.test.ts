// Host-page CSS cannot break the widgets (issue 14): inside the real DSFR stylesheet (`@gouvfr/dsfr`,
// whose `*,::before,::after{box-sizing:inherit}` reaches the slotted grid and the widget hosts) and
// inside Bootstrap 5's reboot and grid, the README's DSFR example laid out in the framework's own grid
// has no horizontal scroll at 375 px and 1280 px, and at 1280 px the map sits beside the directory.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-map.ts';
import type { EssFeed } from '../../src/feed/ess-feed.ts';
import { setViewport } from '@web/test-runner-commands';
import { mapsSettled, pastTheRightEdge } from './helpers.ts';

const FEED = '/data/feed/manifest.json';
const LONG = 30000;

const FRAMEWORKS = {
  DSFR: {
    sheets: ['/node_modules/@gouvfr/dsfr/dist/dsfr.min.css', '/packages/elements/themes/dsfr.css'],
    row: 'fr-grid-row fr-grid-row--gutters',
    wide: 'fr-col-12 fr-col-lg-7',
    narrow: 'fr-col-12 fr-col-lg-5',
    container: 'fr-container',
  },
  'Bootstrap 5 (reboot and grid)': {
    sheets: [
      '/node_modules/bootstrap/dist/css/bootstrap-reboot.min.css',
      '/node_modules/bootstrap/dist/css/bootstrap-grid.min.css',
    ],
    row: 'row g-4',
    wide: 'col-12 col-lg-7',
    narrow: 'col-12 col-lg-5',
    container: 'container',
  },
} as const;

async function loadSheets(hrefs: readonly string[]): Promise<HTMLLinkElement[]> {
  return Promise.all(
    hrefs.map(
      (href) =>
        new Promise<HTMLLinkElement>((resolve, reject) => {
          const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
          link.onload = () => resolve(link);
          link.onerror = () => reject(new Error(`cannot load ${href}`));
          document.head.append(link);
        }),
    ),
  );
}

for (const [name, fw] of Object.entries(FRAMEWORKS)) {
  describe(`inside ${name}`, function () {
    this.timeout(60000);
    let links: HTMLLinkElement[] = [];
    before(async () => {
      links = await loadSheets(fw.sheets);
    });
    after(async () => {
      for (const l of links) l.remove();
      await setViewport({ width: 800, height: 600 });
    });

    it('lays out the README example at 1280 px (map beside the list) and at 375 px, no sideways scroll', async () => {
      const page = await fixture<HTMLElement>(html`<main class=${fw.container}>
        <h1>L’économie sociale et solidaire</h1>
        <ess-feed src=${FEED}>
          <div class=${fw.row}>
            <div class=${fw.wide}>
              <ess-directory heading="L’économie sociale et solidaire près de chez vous" heading-level="2"></ess-directory>
            </div>
            <div class=${fw.narrow}><ess-map></ess-map></div>
          </div>
        </ess-feed>
      </main>`);
      const feed = page.querySelector<EssFeed>('ess-feed')!;
      const directory = page.querySelector('ess-directory')!;
      const map = page.querySelector('ess-map')!;
      // the framework's own box model reached the page (the test is inside it)
      expect(getComputedStyle(document.body).boxSizing).to.equal('border-box');
      await waitUntil(() => feed.store?.getState().status === 'ready', 'feed loaded', { timeout: LONG });
      await waitUntil(() => directory.shadowRoot!.querySelector('[part~="card"]'), 'cards', {
        timeout: LONG,
      });

      await setViewport({ width: 1280, height: 900 });
      await new Promise((r) => requestAnimationFrame(r));
      await mapsSettled(page);
      const d = directory.getBoundingClientRect();
      const m = map.getBoundingClientRect();
      expect(m.left, 'map beside the directory').to.be.at.least(d.right - 1);
      expect(m.top, 'map beside the directory').to.be.below(d.top + 50);
      expect(document.documentElement.scrollWidth, 'no sideways scroll at 1280 px').to.be.at.most(innerWidth);
      expect(pastTheRightEdge(page), 'past the right edge at 1280 px').to.deep.equal([]);
      // the widgets' insides keep their own box model, whatever the page's
      for (const el of [directory, map]) {
        const inner = el.shadowRoot!.querySelector('input, button')!;
        expect(getComputedStyle(inner).boxSizing, `${el.localName} inside`).to.equal('border-box');
      }
      // the search field stays inside its widget
      const input = directory.shadowRoot!.querySelector('input[type="search"]')!.getBoundingClientRect();
      expect(input.right).to.be.at.most(d.right + 0.5);

      await setViewport({ width: 375, height: 800 });
      await new Promise((r) => requestAnimationFrame(r));
      await mapsSettled(page);
      expect(document.documentElement.scrollWidth, 'no sideways scroll at 375 px').to.be.at.most(innerWidth);
      expect(pastTheRightEdge(page), 'past the right edge at 375 px').to.deep.equal([]);
    });
  });
}

describe('a page whose every element inherits its box-sizing', () => {
  it('leaves the widget’s insides in their own box model (border-box), whatever the host gets', async () => {
    const style = Object.assign(document.createElement('style'), {
      textContent:
        '.inherits{box-sizing:content-box} .inherits *,.inherits *::before,.inherits *::after{box-sizing:inherit}',
    });
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<div class="inherits" style="width:320px"><ess-feed src=${FEED}><ess-directory></ess-directory></ess-feed></div>`,
      );
      const directory = wrapper.querySelector('ess-directory')!;
      expect(getComputedStyle(directory).boxSizing, 'the page reaches the host').to.equal('content-box');
      await waitUntil(() => directory.shadowRoot!.querySelector('input[type="search"]'), 'search field', {
        timeout: LONG,
      });
      const input = directory.shadowRoot!.querySelector('input[type="search"]')!;
      expect(getComputedStyle(input).boxSizing).to.equal('border-box');
      expect(input.getBoundingClientRect().right).to.be.at.most(
        directory.getBoundingClientRect().right + 0.5,
      );
    } finally {
      style.remove();
    }
  });
});
