/**
 * The hostile feed of `hostile-feed.ts` (every string field of every part, derived from the JSON Schema,
 * holds a payload) rendered by every component in every view: nothing executable, no script URL,
 * nothing ran; the exports carry no injected line and no formula.
 */
import { createFeedStore, eventsToIcs, FeedManifest, type FeedStore, RecordSchemas } from '@essaim/sdk';
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-orientation.ts';
import '../../src/define/ess-map.ts';
import '../../src/define/ess-territoire.ts';
import { toCsv } from '../../src/directory/export.ts';
import { $, $$, assertInert, cards, interceptDownload, shadow } from './helpers.ts';
import { hostileFeed, type Part, REFUSED_URLS, SKIPPED } from './hostile-feed.ts';

const SHOWN = '<script>window.__pwned=2</script>';

describe('a hostile feed in every field of every part renders inert everywhere', function (this: Mocha.Suite) {
  this.timeout(60000);
  const { feed, paths } = hostileFeed();
  let store: FeedStore;
  before(async () => {
    store = createFeedStore({ feed, clientOptions: { cache: false } });
    const state = await store.load();
    expect(state.status, String(state.error?.message)).to.equal('ready');
  });

  it('the feed is generated from the schema: payloads everywhere but an explicit skip list, all records valid', () => {
    const state = store.getState();
    expect(state.feed!.structures.length).to.equal(2);
    expect(state.feed!.events.length).to.equal(1);
    expect(state.feed!.parcours.length).to.equal(1);
    expect(state.feed!.report.rejections).to.deep.equal([]);
    // The schema's free text and URL fields, as counted from feedJsonSchema(): a later field adds to these.
    expect(paths.structures.text).to.include.members([
      'name',
      'description',
      'address.street',
      'openingHoursText',
    ]);
    expect(paths.structures.urls).to.include.members([
      'contacts.website',
      'provenance[].url',
      'provenance[].editUrl',
    ]);
    expect(paths.events.text).to.include.members(['title', 'description', 'place.name']);
    expect(paths.events.urls).to.include.members(['image', 'registration[]|0.value', 'url']);
    expect(paths.parcours.text).to.include.members([
      'title.fr',
      'steps[].question.fr',
      'steps[].help.fr',
      'steps[].options[].label.fr',
    ]);
    expect(paths.taxonomy.text).to.include.members(['concepts[].label.fr']);
    expect(paths.manifest.text).to.include.members([
      'title',
      'attribution',
      'licence.name',
      'publisher.name',
    ]);
    expect(paths.manifest.urls).to.include.members(['licence.url', 'publisher.url']);
    // The skip list names only fields the schema has (else it is stale).
    for (const [part, skipped] of Object.entries(SKIPPED)) {
      const g = paths[part as Part];
      const known = [...g.text, ...g.urls, ...g.restricted, ...Object.keys(g.value as object)];
      for (const path of skipped)
        expect(
          known.some((p) => p === path || (/^[.[|]/.test(p.slice(path.length)) && p.startsWith(path))),
          `${part}: skipped ${path}`,
        ).to.equal(true);
    }
  });

  it('every URL field refuses javascript:, data: and attribute breakouts (the record is rejected)', () => {
    const { parts: _, ...manifest } = feed;
    const parts = [
      [RecordSchemas.structures, paths.structures, feed.parts.structures[0]],
      [RecordSchemas.events, paths.events, feed.parts.events[0]],
      [FeedManifest, paths.manifest, { ...manifest, parts: {} }],
    ] as const;
    const checked: string[] = [];
    for (const [schema, generated, record] of parts) {
      for (const path of generated.urls) {
        for (const url of REFUSED_URLS) {
          const copy = structuredClone(record);
          if (!setPath(copy, path, url)) continue;
          expect(schema.safeParse(copy).success, `${path} = ${url}`).to.equal(false);
        }
        checked.push(path);
      }
    }
    expect(checked).to.include.members([
      'contacts.website',
      'image',
      'onlineUrl',
      'licence.url',
      'reportErrorUrl',
    ]);
  });

  it('<ess-directory>: list, every opened detail and its JSON-LD', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-directory jsonld></ess-directory></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-directory')!;
    const list = await cards(el, 2);
    assertInert(shadow(el));
    expect(shadow(el).textContent).to.contain(SHOWN);
    for (let i = 0; i < list.length; i++) {
      $$<HTMLButtonElement>(el, '.card-button')[i]!.click();
      await waitUntil(() => $(el, '#detail-heading'));
      await aTimeout(300); // opening hours (lazy) too
      assertInert(shadow(el));
      expect($(el, '#detail-heading')!.textContent).to.contain(SHOWN);
      $<HTMLButtonElement>(el, '.back')!.click();
      await waitUntil(() => $$(el, '.card-button').length);
    }
    await waitUntil(() => el.querySelector('script[type="application/ld+json"]'));
    assertJsonLd(el);
  });

  it('<ess-agenda>: list, month, week, the opened event and its JSON-LD', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-agenda reference-date="2026-03-01" jsonld></ess-agenda></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-agenda')!;
    await waitUntil(() => $(el, '.card-button'), 'agenda list', { timeout: 15000 });
    assertInert(shadow(el));
    expect(shadow(el).textContent).to.contain(SHOWN);
    for (const view of ['month', 'week']) {
      $(el, `#tab-${view}`)!.click();
      await waitUntil(() => $(el, '[role="grid"]'), `${view} view`, { timeout: 10000 });
      assertInert(shadow(el));
    }
    $(el, '#tab-list')!.click();
    await waitUntil(() => $(el, '.card-button'), 'list again');
    $<HTMLButtonElement>(el, '.card-button')!.click();
    await waitUntil(() => $(el, '[part="detail"]'), 'detail open', { timeout: 10000 });
    await aTimeout(100);
    assertInert(shadow(el));
    expect($(el, '[part="detail"]')!.textContent).to.contain(SHOWN);
    await waitUntil(() => el.querySelector('script[type="application/ld+json"]'), 'JSON-LD');
    assertJsonLd(el);
  });

  it('<ess-orientation>: a journey through the hostile parcours to its results', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-orientation></ess-orientation></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-orientation')!;
    await waitUntil(() => $(el, '#question'), 'question', { timeout: 15000 });
    assertInert(shadow(el));
    expect($(el, '#question')!.textContent).to.contain(SHOWN);
    $<HTMLLabelElement>(el, '.option label')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitUntil(() => $(el, '#results-heading'), 'results', { timeout: 15000 });
    await aTimeout(100);
    assertInert(shadow(el));
    expect(shadow(el).textContent).to.contain(SHOWN);
  });

  it('<ess-map>: the keyboard list and a popup', async () => {
    const placed = structuredClone(feed);
    for (const s of placed.parts.structures) s.geo = { lat: 48.936, lon: 2.357 };
    const mapStore = createFeedStore({ feed: placed, clientOptions: { cache: false } });
    await mapStore.load();
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${mapStore}><ess-map style="width:600px;height:400px"></ess-map></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-map')!;
    await waitUntil(() => $(el, '#list button[data-id]'), 'keyboard list', { timeout: 30000 });
    assertInert(shadow(el), OWN_MAP);
    expect($(el, '#list')!.textContent).to.contain(SHOWN);
    let popup = false;
    try {
      await waitUntil(() => el.map, 'map created', { timeout: 20000 });
      await Promise.race([el.ready, aTimeout(20000)]);
      mapStore.select(feed.parts.structures[0].id);
      await waitUntil(() => $(el, '.maplibregl-popup'), 'popup', { timeout: 20000 });
      popup = true;
    } catch {
      // No WebGL canvas on this machine: the list above is what the visitor gets.
      console.warn('ess-map: no canvas, popup not checked');
    }
    if (popup) expect($(el, '.maplibregl-popup')!.textContent).to.contain(SHOWN);
    assertInert(shadow(el), OWN_MAP);
  });

  it('<ess-territoire>: figures, tables and actions of the commune of the hostile records', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-territoire communes="93066" reference-date="2026-03-01"></ess-territoire></ess-feed>`,
    );
    const el = wrapper.querySelector('ess-territoire')!;
    await waitUntil(() => $(el, '[part~="actions"]'), 'tables and actions', { timeout: 30000 });
    await aTimeout(200);
    assertInert(shadow(el), OWN_BARS);
    expect(shadow(el).textContent).to.contain(SHOWN);
    const dl = interceptDownload();
    try {
      $$<HTMLButtonElement>(el, '.actions button')[0]!.click();
      const csv = await (await dl.blob).text();
      expect(csv).to.contain('BEGIN:VALARM'); // the payload is in it, as a quoted cell
      assertNoFormula(csv);
    } finally {
      dl.restore();
    }
  });

  it('the assertion itself catches a handler, a script URL and an injected element', () => {
    const host = document.createElement('div');
    for (const bad of [
      '<b onclick="x">b</b>',
      '<a href="javascript:x">a</a>',
      '<iframe></iframe>',
      '<a href="data:text/html,x">a</a>',
    ]) {
      host.innerHTML = bad;
      expect(() => assertInert(host), bad).to.throw();
    }
    host.innerHTML =
      '<a href="https://example.org/">a</a><a href="mailto:a@example.org">m</a><a href="#x">x</a>';
    assertInert(host);
  });

  it('CSV export: no formula in any cell with "," or ";", no injected line', () => {
    const hits = store.getState().feed!.structures.map((record, index) => ({ record, index, score: 0 }));
    const csv = toCsv(hits as never, store, 'fr');
    expect(csvLines(csv).length, 'header and two records').to.equal(3);
    assertNoFormula(csv);
  });

  it('ICS export: no injected property line', () => {
    const ics = eventsToIcs(store.getState().feed!.events);
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    const lines = unfolded.split('\r\n');
    expect(lines.filter((l) => /^(ATTACH|BEGIN:VALARM)/.test(l))).to.deep.equal([]);
    const components = new Set(lines.filter((l) => l.startsWith('BEGIN:')));
    expect([...components].sort()).to.deep.equal(
      ['BEGIN:DAYLIGHT', 'BEGIN:STANDARD', 'BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'BEGIN:VTIMEZONE'].filter((c) =>
        components.has(c),
      ),
    );
    expect(components.has('BEGIN:VEVENT')).to.equal(true);
    // The payload is there, as escaped text of a property.
    expect(unfolded).to.contain('\\nATTACH:https://evil.example/\\nBEGIN:VALARM\\;');
  });
});

/** Selector of the map's own elements (the canvas's controls). */
/** The map's own controls, icons and legend symbols (drawn by its templates: an SVG of shapes, no feed text). */
const OWN_MAP = '.maplibregl-ctrl *, .maplibregl-ctrl, [part~="icon"], .icon, svg.symbol[aria-hidden="true"]';
/** The territoire's own bars (an empty SVG whose width is the figure): drawn by its template, no feed text. */
const OWN_BARS = 'svg.bar[part~="bar"]:not(:has(:not(rect)))';

/** The CSV's records (line breaks inside quoted cells kept). */
const csvLines = (csv: string) =>
  csv
    .replace(/^\ufeff/, '')
    .split(/\r?\n(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .filter(Boolean);

/** No cell starts a formula, whether the file is read with "," or ";" as separator. */
function assertNoFormula(csv: string) {
  for (const sep of [',', ';'])
    for (const line of csvLines(csv))
      for (const cell of line.split(sep).map((c) => c.replace(/^"/, '')))
        if (!/^-?\d+([.,]\d+)?$/.test(cell))
          // a number (a latitude) is not a formula
          expect(cell, `cell after "${sep}"`).not.to.match(/^[=+\-@\t\r]/);
}

/** JSON-LD: one script of JSON data, which cannot close its tag; the payload is data inside it. */
function assertJsonLd(el: Element) {
  const scripts = el.querySelectorAll('script');
  expect(scripts.length).to.equal(1);
  expect(scripts[0]!.type).to.equal('application/ld+json');
  expect(scripts[0]!.textContent).not.to.contain('<');
  expect(JSON.stringify(JSON.parse(scripts[0]!.textContent!))).to.contain(SHOWN);
  expect(window.__pwned).to.equal(undefined);
}

/** Sets `value` at a generated path (`a.b[].c`); false when the path is not in the record. */
function setPath(record: Record<string, unknown>, path: string, value: string): boolean {
  const keys = path.replace(/\|0/g, '').split('.');
  let node: unknown = record;
  for (let i = 0; i < keys.length; i++) {
    const [key, array] = [keys[i]!.replace('[]', ''), keys[i]!.endsWith('[]')];
    const holder = node as Record<string, unknown>;
    if (!holder || !(key in holder)) return false;
    if (i === keys.length - 1) {
      holder[key] = array ? [value] : value;
      return true;
    }
    node = array ? (holder[key] as unknown[])[0] : holder[key];
  }
  return false;
}
