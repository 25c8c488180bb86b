// <ess-territoire>'s communes map on the real embedded feed: loaded only once its place comes into
// view, drawn on the bundled basemap, with its list equivalent; the figures of the list are checked
// against a plain loop over the feed's records.
import type { FeedStore } from '@essaim/sdk';
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-territoire.ts';
import type { EssTerritoire } from '../../src/territoire/ess-territoire.ts';
import { $, $$, realFeed, shadow } from './helpers.ts';

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mount(store: FeedStore, attrs: { epcis?: string; departements?: string }, lang = 'fr') {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}><ess-feed .store=${store}>
      <ess-territoire
        epcis=${attrs.epcis ?? ''}
        departements=${attrs.departements ?? ''}
        reference-date="2026-03-01"
      ></ess-territoire>
    </ess-feed></div>`,
  );
  const el = wrapper.querySelector<EssTerritoire>('ess-territoire')!;
  await waitUntil(() => $(el, '.communes'), 'communes section (after the places data)', { timeout: 30000 });
  await el.updateComplete;
  return { el, wrapper };
}

/** Waits until the map is drawn (a canvas) or said impossible on this machine. */
async function drawn(el: Element): Promise<'canvas' | 'failed'> {
  await waitUntil(
    () => $(el, '.communes-map canvas') || text($(el, '.communes')).includes('ne peut pas s’afficher'),
    'map drawn or said unavailable',
    { timeout: 30000 },
  );
  return $(el, '.communes-map canvas') ? 'canvas' : 'failed';
}

describe('<ess-territoire>: the communes map', function (this: Mocha.Suite) {
  this.timeout(90000);
  let store: FeedStore;
  before(async () => {
    store = await realFeed();
  });

  it('a département: the map loads only once in view; its list gives each commune’s count; accessible', async () => {
    const { el } = await mount(store, { departements: '93' });
    const map = $<HTMLElement>(el, '.communes-map')!;
    // Far below the first screen: nothing loaded yet.
    window.scrollTo(0, 0);
    if (map.getBoundingClientRect().top > innerHeight + 400) {
      await aTimeout(300);
      expect($(el, '.communes-map canvas'), 'no map before it is in view').to.equal(null);
    }
    map.scrollIntoView();
    const state = await drawn(el);
    // The list equivalent, against a loop over the records.
    const expected = new Map<string, number>();
    for (const s of store.getState().feed!.structures) {
      const c = s.address?.cog;
      if (c?.departement === '93' && c.commune) expected.set(c.commune, (expected.get(c.commune) ?? 0) + 1);
    }
    const rows = $$(el, '.communes tbody tr');
    expect(rows.length).to.equal(expected.size);
    for (const r of rows) {
      const code = text(r.querySelector('td'));
      expect(text(r.querySelector('td.num')).replace(/\s/g, ''), code).to.equal(String(expected.get(code)));
    }
    expect(text($(el, '.communes tbody tr th'))).to.equal('Montreuil');
    // The picture is named, and its legend says what size means (not colour alone).
    expect(map.getAttribute('role')).to.equal('img');
    expect(map.getAttribute('aria-label')).to.contain(`${expected.size} communes`);
    expect(text($(el, '.map-legend'))).to.contain('proportionnelle au nombre de structures');
    expect(text($(el, '.map-credit'))).to.contain('Natural Earth');
    if (state === 'canvas') {
      // A static picture: no focus stop inside.
      expect(map.querySelector('[tabindex]:not([tabindex="-1"])')).to.equal(null);
    }
    await expect(el).to.be.accessible();
  });

  it('an EPCI: the “by commune” table above is the list; in English', async () => {
    const { el } = await mount(store, { epcis: '200054781' }, 'en');
    expect(text($(el, '.communes h3'))).to.equal('The communes on the map');
    expect($(el, '.communes table')).to.equal(null);
    expect($(el, '.communes-map')!.getAttribute('aria-label')).to.contain('“Structures by commune” above');
    $(el, '.communes-map')!.scrollIntoView();
    await waitUntil(() => $(el, '.communes-map canvas') || $(el, '.communes .notice'), 'map', {
      timeout: 30000,
    });
    await expect(el).to.be.accessible();
  });

  it('keyboard: after the parts table, Tab reaches the communes table, not the map', async () => {
    const { el } = await mount(store, { departements: '93' });
    $(el, '.communes-map')!.scrollIntoView();
    await drawn(el);
    (document.activeElement as HTMLElement | null)?.blur();
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      await sendKeys({ press: 'Tab' });
      const a = shadow(el).activeElement as HTMLElement | null;
      if (!a) break;
      seen.push(
        a.closest('.communes') ? `communes:${a.localName}.${a.className}` : `${a.localName}.${a.className}`,
      );
    }
    expect(seen.slice(0, 2)).to.deep.equal(['div.scroll', 'communes:div.scroll']);
  });

  it('reflows at 320 px with the map', async () => {
    const { el, wrapper } = await mount(store, { departements: '93' });
    wrapper.style.inlineSize = '320px';
    $(el, '.communes-map')!.scrollIntoView();
    await drawn(el);
    await aTimeout(100);
    const host = el.getBoundingClientRect();
    for (const node of shadow(el).querySelectorAll('.communes *')) {
      if (node.closest('.scroll > *')) continue;
      const r = node.getBoundingClientRect();
      if (r.width === 0) continue;
      expect(r.right, `${node.localName}.${node.className}`).to.be.at.most(host.right + 1);
    }
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
  });
});
