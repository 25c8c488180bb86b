import type { FeedStore } from '@essaim/sdk';
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-territoire.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-orientation.ts';
import type { EssTerritoire } from '../../src/territoire/ess-territoire.ts';
import { $, $$, inlineStore, interceptDownload, realFeed, shadow, structure } from './helpers.ts';

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Mounts inside an <ess-feed> sharing `store`, and waits for the names (places loaded). */
async function mountIn(store: FeedStore, attrs: Record<string, string>, lang = 'fr', withDirectory = false) {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}><ess-feed .store=${store}>
      <ess-territoire
        communes=${attrs.communes ?? ''}
        epcis=${attrs.epcis ?? ''}
        departements=${attrs.departements ?? ''}
        reference-date="2026-03-01"
      ></ess-territoire>
      ${withDirectory ? html`<ess-directory></ess-directory>` : ''}
    </ess-feed></div>`,
  );
  const el = wrapper.querySelector<EssTerritoire>('ess-territoire')!;
  await waitUntil(() => $(el, '[part~="figures"]'), 'key figures', { timeout: 15000 });
  await waitUntil(() => !$(el, '.figures-section [role="status"]'), 'names and populations', {
    timeout: 20000,
  });
  // The tables, coverage and actions are a chunk loaded after the figures.
  await waitUntil(() => $(el, '[part~="actions"]'), 'tables and actions', { timeout: 20000 });
  await el.updateComplete;
  return { el, wrapper };
}

/** Figure of a key-figure tile, by its label. */
function figure(el: Element, label: string): string {
  const tile = $$(el, '.figures > div').find((d) => text(d.querySelector('dt')).startsWith(label));
  return text(tile?.querySelector('dd'));
}

/** The drawn width of a row's bar. */
const r0Width = (row: Element) => row.querySelector('.bar rect')!.getBoundingClientRect().width;

/** Descendants sticking out of the element's box (a scrolling region's content is allowed to). */
function overflowing(el: Element): string[] {
  const host = el.getBoundingClientRect();
  const out: string[] = [];
  for (const node of shadow(el).querySelectorAll('*')) {
    if (node.closest('.sr-only, .scroll > *')) continue;
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.left < host.left - 1 || r.right > host.right + 1)
      out.push(`${node.localName}.${node.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
  }
  return out;
}

describe('<ess-territoire> on the real embedded feed', function (this: Mocha.Suite) {
  this.timeout(60000);
  let store: FeedStore;
  before(async () => {
    store = await realFeed();
  });

  it('an EPCI: name and level, key figures that match the feed, tables, coverage; accessible', async () => {
    const { el } = await mountIn(store, { epcis: '200054781' });
    const title = text($(el, '#title'));
    expect(title).to.contain('Métropole du Grand Paris');
    expect(title).to.contain('Intercommunalité (EPCI)');
    const feed = store.getState().feed!;
    const expected = feed.structures.filter((s) => s.address?.cog?.epci === '200054781').length;
    expect(figure(el, 'Structures dans ce flux').replace(/\s/g, '')).to.equal(String(expected));
    expect(figure(el, 'Pour 10 000 habitants')).to.match(/^\d/);
    // Every chart is a table with headers; the parts table lists the 130 member communes.
    const tables = $$(el, 'table');
    expect(tables.length).to.be.at.least(4);
    for (const t of tables) expect(t.querySelector('th[scope="col"]'), 'column headers').to.exist;
    const parts = $(el, '.parts table')!;
    expect(parts.querySelectorAll('tbody tr').length).to.equal(130);
    expect(text(parts)).to.contain('Montreuil');
    // The caveat and the credits.
    expect(text($(el, '[part~="caveat"]'))).to.contain('pas toute l’ESS du territoire');
    expect(text($(el, '.credits'))).to.contain('Transiscope');
    expect(text($(el, '[part~="coverage"]'))).to.contain('population municipale 2023');
    await expect(el).to.be.accessible();
  });

  it('in English', async () => {
    const { el } = await mountIn(store, { departements: '93' }, 'en');
    expect(text($(el, '#title'))).to.contain('Seine-Saint-Denis');
    expect(text($(el, '#title'))).to.contain('Département');
    expect(text($(el, '#figures-title'))).to.equal('Key figures');
    expect(text($(el, '.parts h3'))).to.equal('Structures by intercommunality');
    await expect(el).to.be.accessible();
  });

  it('an empty territory says the feed has nothing there (not that there is nothing); accessible', async () => {
    const { el } = await mountIn(store, { communes: '29019' });
    expect(text($(el, '#title'))).to.contain('Brest');
    expect(text($(el, '[part~="empty"]'))).to.contain('Cela ne veut pas dire qu’il n’y en a pas');
    expect($(el, '.parts')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('without a territory: says which attribute to set; accessible', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div><ess-feed .store=${store}><ess-territoire></ess-territoire></ess-feed></div>`,
    );
    const el = wrapper.querySelector<EssTerritoire>('ess-territoire')!;
    await el.updateComplete;
    expect(text($(el, '[part~="error"]'))).to.contain('communes');
    await expect(el).to.be.accessible();
  });

  it('keyboard: the parts table scrolls by keyboard, then the actions, in reading order', async () => {
    const { el } = await mountIn(store, { epcis: '200054781' }, 'fr', true);
    const focusables: string[] = [];
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 8; i++) {
      await sendKeys({ press: 'Tab' });
      const active = shadow(el).activeElement as HTMLElement | null;
      if (!active) break;
      focusables.push(
        active.localName === 'button' ? text(active) : `${active.localName}.${active.className}`,
      );
    }
    expect(focusables[0]).to.equal('div.scroll');
    expect(focusables).to.include('Télécharger les chiffres (CSV)');
    expect(focusables).to.include('Imprimer la fiche');
    expect(focusables.some((f) => f.startsWith('Voir les '))).to.equal(true);
    // The directory button scopes the directory of the page to the territory.
    const see = $$<HTMLButtonElement>(el, '.actions button').find((b) => text(b).startsWith('Voir les'))!;
    see.focus();
    await sendKeys({ press: 'Enter' });
    const directory = el.parentElement!.querySelector('ess-directory')!;
    expect(directory.getAttribute('epcis')).to.equal('200054781');
  });

  it('bars repeat the figure as an SVG width, with no style attribute (blocked by a strict CSP)', async () => {
    const { el } = await mountIn(store, { epcis: '200054781' });
    expect($$(el, '.charts [style], .parts [style]')).to.deep.equal([]);
    const rows = $$(el, '.parts tbody tr');
    const count = (r: Element) => Number(text(r.querySelector('td.num')).replace(/\s/g, ''));
    const max = count(rows[0]!);
    for (const r of rows.slice(0, 5))
      expect(r.querySelector('.bar rect')!.getAttribute('width')).to.equal(`${(100 * count(r)) / max}%`);
    expect(r0Width(rows[0]!)).to.be.greaterThan(0);
  });

  it('reflows at 320 px: nothing sticks out (the long table scrolls in its own focusable region)', async () => {
    const { el, wrapper } = await mountIn(store, { epcis: '200054781' });
    wrapper.style.inlineSize = '320px';
    await aTimeout(50);
    expect(overflowing(el)).to.deep.equal([]);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
  });

  it('exports the figures as CSV, and prints without its buttons', async () => {
    const { el } = await mountIn(store, { epcis: '200054781' });
    const dl = interceptDownload();
    try {
      $$<HTMLButtonElement>(el, '.actions button')[0]!.click();
      const csv = await (await dl.blob).text();
      expect(await dl.name).to.match(/^ess-territoire-epci-200054781-2026-03-01\.csv$/);
      const lines = csv
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).to.equal(
        'territoire,niveau,code,rubrique,libelle,code_valeur,valeur,unite,date,annee,source,licence',
      );
      const total = store
        .getState()
        .feed!.structures.filter((s) => s.address?.cog?.epci === '200054781').length;
      expect(lines).to.include(
        // Every text cell quoted (the formula guard's CSV, core/csv.ts); numbers as they are.
        `"Métropole du Grand Paris","epci","200054781","structures","structures","",${total},"structures","2026-03-01","","",""`,
      );
      expect(lines.filter((l) => l.includes(',"commune",')).length).to.be.at.least(130);
    } finally {
      dl.restore();
    }
    // Print: the actions are hidden, the parts cut to their first rows with a note.
    const styles = (el.constructor as typeof EssTerritoire).styles;
    const sheetText = [styles]
      .flat(3)
      .map((s) => String((s as { cssText?: string }).cssText ?? ''))
      .join('\n');
    expect(sheetText).to.match(/@media print[\s\S]*\.actions/);
  });

  it('sync-url: writes the territory to the URL and reads it back (permanent link)', async () => {
    const before = location.href;
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<div><ess-feed .store=${store}><ess-territoire departements="93" sync-url reference-date="2026-03-01"></ess-territoire></ess-feed></div>`,
      );
      const el = wrapper.querySelector<EssTerritoire>('ess-territoire')!;
      await waitUntil(() => $(el, '[part~="actions"] a'), 'figures and link', { timeout: 15000 });
      expect(new URL(location.href).searchParams.get('ess-territoire-departement')).to.equal('93');
      expect($<HTMLAnchorElement>(el, '.actions a')!.href).to.contain('ess-territoire-departement=93');
      // A page opened with the link shows that territory, whatever the attribute says.
      const again = await fixture<HTMLElement>(
        html`<div><ess-feed .store=${store}><ess-territoire regions="11" sync-url reference-date="2026-03-01"></ess-territoire></ess-feed></div>`,
      );
      const el2 = again.querySelector<EssTerritoire>('ess-territoire')!;
      await waitUntil(() => $(el2, '[part~="figures"]'), 'figures', { timeout: 15000 });
      expect(el2.territory).to.deep.equal({ level: 'departement', code: '93' });
    } finally {
      history.replaceState(history.state, '', before);
    }
  });
});

describe('<ess-orientation>: the elected official’s path ends on the territory', function (this: Mocha.Suite) {
  this.timeout(60000);

  async function results(answers: string): Promise<Element> {
    const store = await realFeed();
    history.replaceState(null, '', `?ess-parcours=${encodeURIComponent(answers)}`);
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="fr"><ess-feed .store=${store}><ess-orientation sync-url></ess-orientation></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-orientation')!;
    await waitUntil(() => $(el, '#results-heading') && !$(el, '[part~="loading"]'), 'results', {
      timeout: 20000,
    });
    return el;
  }

  it('« Élu ou élue » in Montreuil: the commune’s profile, then the structures', async () => {
    const before = location.href;
    try {
      const el = await results(
        'qui=elu&besoin=info&ou=48.86,2.44,Montreuil (93100),c93048,e200054781,d93,r11',
      );
      const profile = $(el, 'ess-territoire')!;
      expect(profile, 'a territory profile in the results').to.exist;
      expect(profile.getAttribute('communes')).to.equal('93048');
      await waitUntil(() => $(profile, '[part~="figures"]'), 'profile figures', { timeout: 20000 });
      await waitUntil(() => text($(profile, '#title')).includes('Montreuil'), 'name', { timeout: 20000 });
      // The structures are still listed below it.
      const after = profile.compareDocumentPosition($(el, '[part~="list"], [part~="empty"]')!);
      expect(after & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(history.state, '', before);
    }
  });

  it('another persona: no profile', async () => {
    const before = location.href;
    try {
      const el = await results(
        'qui=hab&besoin=info&ou=48.86,2.44,Montreuil (93100),c93048,e200054781,d93,r11',
      );
      expect($(el, 'ess-territoire')).to.equal(null);
    } finally {
      history.replaceState(history.state, '', before);
    }
  });
});

describe('<ess-territoire> on a small feed (fixtures)', function (this: Mocha.Suite) {
  this.timeout(30000);

  it('records without coordinates (and hostile text): counted, said absent from maps, rendered inert; accessible', async () => {
    const cog = { commune: '93048', epci: '200054781', departement: '93', region: '11' };
    const store = await inlineStore([
      structure('a', 'Sans position A', { address: { cog } }),
      structure('b', 'Sans position B', { address: { cog }, networks: ['=HYPERLINK("http://x")'] }),
      structure('c', 'Hostile', {
        address: { cog },
        networks: ['<img src=x onerror="window.__pwned=1">'],
        provenance: [{ source: 'test', name: '<script>window.__pwned=2</script>', localId: 'c' }],
      }),
    ]);
    const { el } = await mountIn(store, { communes: '93048' });
    expect(figure(el, 'Structures dans ce flux')).to.equal('3');
    expect(text($(el, '[part~="coverage"]'))).to.contain('3 fiches sans position (absentes des cartes)');
    // Feed text is text: no element, no handler, no script ran.
    expect(text($(el, '.networks'))).to.contain('<img src=x onerror="window.__pwned=1">');
    expect(
      shadow(el).querySelectorAll('script, img, iframe, svg:not(.bar), svg.bar *:not(rect)').length,
    ).to.equal(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
    // The network name is rendered as text, and neutralised in the CSV.
    expect(text($(el, '.networks'))).to.contain('=HYPERLINK("http://x")');
    const dl = interceptDownload();
    try {
      $$<HTMLButtonElement>(el, '.actions button')[0]!.click();
      const csv = await (await dl.blob).text();
      expect(csv).to.contain(`"reseau","'=HYPERLINK(""http://x"")"`);
      expect(csv).not.to.match(/,=HYPERLINK/);
    } finally {
      dl.restore();
    }
  });
});
