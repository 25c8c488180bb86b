/**
 * A failure is never disguised as an answer (issue 13): in every component, a part that fails is named
 * with its reason, with "Réessayer", never shown as "Aucun résultat"; the last good copy is shown with
 * its date and the reason (never "Hors ligne" when the browser is online); the notice goes away when
 * the feed recovers, without a reload; rejected records are counted in a notice and reported to the
 * page (`ess-feed-report`). On the real embedded feed (data/feed/) behind a fetch that fails on demand.
 */
import { createFeedStore, type FeedStore, memoryCache } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-orientation.ts';
import '../../src/define/ess-map.ts';
import type { EssFeedReportDetail } from '../../src/internal/feed-report.ts';
import { $, REAL_FEED } from './helpers.ts';

type Fault = (url: string) => Response | 'offline' | undefined;

/** A store on the real feed whose fetch asks `fault.current` first. */
function faultyStore(fault: { current: Fault }, extra: { autoRetry?: boolean } = {}): FeedStore {
  return createFeedStore({
    feed: REAL_FEED,
    clientOptions: {
      cache: memoryCache(),
      retry: 0,
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        const answer = fault.current(url);
        if (answer === 'offline') throw new TypeError('Failed to fetch');
        return answer ?? fetch(input, init);
      },
    },
    ...extra,
  });
}
const none: Fault = () => undefined;
const failing =
  (file: string, make: () => Response | 'offline'): Fault =>
  (url) =>
    new URL(url).pathname.endsWith(`/${file}`) ? make() : undefined;

const COMPONENTS = [
  { tag: 'ess-directory', file: 'structures.json', title: 'Les structures n’ont pas pu être chargées' },
  { tag: 'ess-agenda', file: 'events.json', title: 'Les évènements n’ont pas pu être chargés' },
  { tag: 'ess-orientation', file: 'structures.json', title: 'Les structures n’ont pas pu être chargées' },
  { tag: 'ess-map', file: 'structures.json', title: 'Les structures n’ont pas pu être chargées' },
] as const;

async function mount(tag: string, store: FeedStore): Promise<HTMLElement> {
  const wrapper = await fixture<HTMLElement>(html`<ess-feed .store=${store}></ess-feed>`);
  const el = document.createElement(tag);
  wrapper.append(el);
  return el;
}

const text = (el: HTMLElement) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('failure states of every component (issue 13)', function (this: Mocha.Suite) {
  this.timeout(60000);

  for (const c of COMPONENTS) {
    it(`${c.tag}: a 503 on ${c.file} is named with "Réessayer", not an empty result, and recovers`, async () => {
      const fault = { current: failing(c.file, () => new Response('busy', { status: 503 })) };
      const store = faultyStore(fault);
      const el = await mount(c.tag, store);
      await waitUntil(() => $(el, '[part="error"]'), 'error notice', { timeout: 20000 });
      const notice = $(el, '[part="error"]')!;
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(notice.textContent).to.contain(`${c.title} (erreur du serveur).`);
      expect(text(el)).not.to.match(/Aucun résultat|Aucune structure|Aucun évènement|0 structure/);
      expect($(el, '[part="empty"]')).to.equal(null);
      await expect(el).to.be.accessible();

      fault.current = none;
      $<HTMLButtonElement>(el, '[part="error"] button')!.click();
      await waitUntil(() => !$(el, '[part="error"]'), 'the notice goes away', { timeout: 20000 });
      expect(store.getState().result?.partErrors).to.deep.equal([]);
      store.dispose();
    });
  }

  it('an HTML page served as 200 for the events is "fichier illisible"', async () => {
    const fault = {
      current: failing(
        'events.json',
        () => new Response('<!doctype html><h1>Maintenance</h1>', { status: 200 }),
      ),
    };
    const store = faultyStore(fault);
    const el = await mount('ess-agenda', store);
    await waitUntil(() => $(el, '[part="error"]'), 'error notice', { timeout: 20000 });
    expect($(el, '[part="error"]')!.textContent).to.contain(
      'Les évènements n’ont pas pu être chargés (fichier illisible).',
    );
    store.dispose();
  });

  it('an invalid part after a good load keeps the last good copy, with its date and the reason, never "Hors ligne"', async () => {
    const fault = { current: none };
    const store = faultyStore(fault);
    const el = await mount('ess-directory', store);
    await waitUntil(() => $(el, '[part~="card"]'), 'cards', { timeout: 20000 });
    await store.load(); // validated
    fault.current = failing('structures.json', () => Response.json({ error: 'quota' }));
    await store.reload();
    await waitUntil(() => $(el, '[part="stale"]'), 'stale notice', { timeout: 20000 });
    const notice = $(el, '[part="stale"]')!;
    expect(notice.textContent).to.match(
      /Les structures n’ont pas pu être mises à jour \(fichier illisible\)\u00a0: données du \d+ \S+ \d{4} affichées\./,
    );
    expect(notice.textContent).not.to.contain('Hors ligne');
    expect($(el, '[part~="card"]'), 'the last good copy is still listed').to.exist;
    await expect(el).to.be.accessible();
    fault.current = none;
    $<HTMLButtonElement>(el, '[part="stale"] button')!.click();
    await waitUntil(() => !$(el, '[part="stale"]'), 'recovered', { timeout: 20000 });
    store.dispose();
  });

  it('offline (the browser says so) with a good copy: "Hors ligne", and it retries when back online', async () => {
    const fault = { current: none };
    const store = faultyStore(fault, { autoRetry: true });
    const el = await mount('ess-directory', store);
    await waitUntil(() => $(el, '[part~="card"]'), 'cards', { timeout: 20000 });
    await store.load(); // validated
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      fault.current = () => 'offline';
      await store.reload();
      await waitUntil(() => $(el, '[part="stale"]'), 'stale notice', { timeout: 20000 });
      expect($(el, '[part="stale"]')!.textContent).to.match(/^\s*Hors ligne\u00a0: données du /);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    fault.current = none;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => !$(el, '[part="stale"]'), 'recovered on `online`', { timeout: 20000 });
    store.dispose();
  });

  it('rejected records: a discreet notice in the component and an ess-feed-report event with the report', async () => {
    const real = await (await fetch('/data/feed/structures.json')).json();
    const manifest = await (await fetch(REAL_FEED)).json();
    manifest.parts.structures = { url: 'structures.json' }; // count and sha256 dropped: the records change
    // Hand-made fault: twelve real records lose their name.
    const broken = real.map((r: Record<string, unknown>, i: number) => (i < 12 ? { ...r, name: '' } : r));
    const fault = {
      current: ((url) =>
        url === REAL_FEED
          ? Response.json(manifest)
          : new URL(url).pathname.endsWith('/structures.json')
            ? Response.json(broken)
            : undefined) as Fault,
    };
    const store = faultyStore(fault);
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    const reports: EssFeedReportDetail[] = [];
    wrapper.addEventListener('ess-feed-report', (e) =>
      reports.push((e as CustomEvent<EssFeedReportDetail>).detail),
    );
    const groups: unknown[] = [];
    const group = console.groupCollapsed;
    console.groupCollapsed = (...args: unknown[]) => groups.push(args[0]);
    try {
      const feed = document.createElement('ess-feed');
      (feed as unknown as { store: FeedStore }).store = store;
      const el = document.createElement('ess-directory');
      feed.append(el);
      wrapper.append(feed);
      await waitUntil(() => $(el, '[part="rejected"]'), 'rejected notice', { timeout: 20000 });
      expect($(el, '[part="rejected"]')!.textContent).to.contain('12 fiches n’ont pas pu être affichées');
      await waitUntil(() => reports.length > 0, 'ess-feed-report');
      expect(reports[0]!.rejected).to.equal(12);
      expect(reports[0]!.report.rejections.map((r) => r.index)).to.deep.equal([...Array(12).keys()]);
      expect(String(groups[0])).to.contain('12 fiche(s) rejetée(s)');
      await expect(el).to.be.accessible();
    } finally {
      console.groupCollapsed = group;
      store.dispose();
    }
  });
});
