/**
 * Localisation: every component walked in English through its states leaves no French dictionary
 * string in its rendered shadow DOM (text, accessible names, titles, placeholders), MapLibre's
 * controls speak the dictionary's English, and a right-to-left page does not break the layout.
 *
 * The French strings are built from the dictionaries themselves: constant entries as they are,
 * function entries (plurals, values) called with sample arguments and turned into patterns whose
 * variable parts match anything. Entries identical in English (« Distance », « Source ») and patterns
 * that would also match the English output are left out. Feed content stays in French by design: it is
 * data, not dictionary text, and is not looked at.
 */
import type { FeedStore } from '@essaim/sdk';
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-orientation.ts';
import '../../src/define/ess-map.ts';
import { agendaMessages } from '../../src/agenda/ess-agenda.i18n.ts';
import { agendaFilterMessages } from '../../src/agenda/parts/filters.i18n.ts';
import { agendaCalendarFileMessages } from '../../src/agenda/parts/calendar-files.i18n.ts';
import { agendaDetailMessages } from '../../src/agenda/parts/detail.i18n.ts';
import { agendaViewMessages } from '../../src/agenda/parts/calendar-views.i18n.ts';
import type { EssAgenda } from '../../src/agenda/ess-agenda.ts';
import type { EssDirectory } from '../../src/directory/ess-directory.ts';
import { directoryMessages } from '../../src/directory/ess-directory.i18n.ts';
import type { EssFeed } from '../../src/feed/ess-feed.ts';
import { common } from '../../src/i18n/common.ts';
import { feedNoticeMessages } from '../../src/i18n/feed-notices.ts';
import { type Entry, translate, typeset } from '../../src/i18n/dictionary.ts';
import { distance, langOf, plural } from '../../src/internal/localize.ts';
import type { EssMap } from '../../src/map/ess-map.ts';
import { mapMessages, maplibreLocale } from '../../src/map/ess-map.i18n.ts';
import type { EssOrientation } from '../../src/orientation/ess-orientation.ts';
import { orientationMessages } from '../../src/orientation/ess-orientation.i18n.ts';
import { $, $$, cards, REAL_FEED, realFeed } from './helpers.ts';

// --- the French dictionary strings, as matchers ----------------------------------------------------
type Dicts = { fr: Record<string, Entry>; en: Record<string, Entry> };
const DICTIONARIES: Record<string, Dicts> = {
  common,
  feedNotices: feedNoticeMessages,
  directory: directoryMessages,
  // The agenda's first list, then its lazily loaded parts' own dictionaries (views, detail, filters).
  agenda: {
    fr: {
      ...agendaMessages.fr,
      ...agendaViewMessages.fr,
      ...agendaDetailMessages.fr,
      ...agendaFilterMessages.fr,
      ...agendaCalendarFileMessages.fr,
    },
    en: {
      ...agendaMessages.en,
      ...agendaViewMessages.en,
      ...agendaDetailMessages.en,
      ...agendaFilterMessages.en,
      ...agendaCalendarFileMessages.en,
    },
  },
  orientation: orientationMessages,
  map: mapMessages,
  maplibre: { fr: maplibreLocale('fr'), en: maplibreLocale('en') },
};

const HOLE = '\u0000';
const SAMPLE_DATE = new Date('2026-03-17T09:30:00Z');
const LETTERS = /\p{L}/gu;

/** Sample outputs of an entry: strings, then the function called with several argument sets. */
function outputs(entry: Entry | undefined): string[] {
  if (entry === undefined) return [];
  if (typeof entry === 'string') return [entry];
  const n = Math.max(entry.length, 1);
  const out: string[] = [];
  for (const arg of [HOLE, 0, 1, 2, 7, 1234, SAMPLE_DATE, SAMPLE_DATE.toISOString()]) {
    try {
      out.push(entry(...Array(n).fill(arg)));
    } catch {
      // not an argument this entry takes
    }
  }
  return out;
}

const dateForms = (() => {
  const forms = new Set<string>();
  for (const locale of ['fr-FR', 'en-GB'])
    for (const dateStyle of ['full', 'long', 'medium', 'short'] as const) {
      forms.add(new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'Europe/Paris' }).format(SAMPLE_DATE));
      forms.add(
        new Intl.DateTimeFormat(locale, { dateStyle, timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
          SAMPLE_DATE,
        ),
      );
    }
  return [...forms].sort((a, b) => b.length - a.length);
})();

/** The static parts of one output: values (dates, numbers, the sample string) become holes. */
function staticParts(output: string): string[] {
  let s = output;
  for (const d of dateForms) s = s.split(d).join(HOLE);
  s = s
    .split(SAMPLE_DATE.toISOString())
    .join(HOLE)
    .replace(/Invalid Date|NaN/g, HOLE)
    .replace(/\d+(?:[\s\u202f\u00a0.,:]\d+)*/g, HOLE);
  return s.split(HOLE);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Matcher {
  key: string;
  sample: string;
  test(text: string): boolean;
}

function matcher(key: string, output: string): Matcher | undefined {
  const parts = staticParts(output);
  const letters = parts.join('').match(LETTERS)?.length ?? 0;
  if (letters < 4) return undefined; // « à {heure} », « {n} km »: nothing to recognise
  if (parts.length === 1) {
    const value = output.trim();
    const long = value.includes(' ') && value.length >= 12;
    return { key, sample: value, test: (t) => t === value || (long && t.includes(value)) };
  }
  const re = new RegExp(
    parts
      .map((p) => escapeRe(p))
      .join('.+?')
      .replace(/^(\\s|\s)*/, ''),
    'u',
  );
  const anchored = new RegExp(`^${re.source}$`, 'u');
  const long = (parts.join('').match(LETTERS)?.length ?? 0) >= 10;
  return { key, sample: output, test: (t) => (long ? re.test(t) : anchored.test(t)) };
}

/** Matchers for every French entry that differs from English. */
function frenchMatchers(): Matcher[] {
  const english: string[] = [];
  for (const d of Object.values(DICTIONARIES))
    for (const e of Object.values(d.en)) english.push(...outputs(e).map((o) => o.trim()));
  const list: Matcher[] = [];
  for (const [name, d] of Object.entries(DICTIONARIES)) {
    for (const [key, entry] of Object.entries(d.fr)) {
      for (const output of outputs(entry)) {
        if (english.includes(output.trim())) continue;
        const m = matcher(`${name}.${key}`, output);
        if (!m || english.some((en) => m.test(en))) continue;
        list.push(m);
      }
    }
  }
  return list;
}

const FRENCH = frenchMatchers();

// --- what a component shows -----------------------------------------------------------------------
const ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
];

/** Text nodes and labelling attributes of a shadow tree, nested shadow roots included. */
function renderedStrings(root: ShadowRoot | Element): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      if (parent && (parent.localName === 'style' || parent.localName === 'script')) return;
      const t = node.nodeValue?.replace(/\s+/g, ' ').trim();
      if (t) out.push(t);
      return;
    }
    if (node instanceof Element) {
      for (const a of ATTRIBUTES) {
        const v = node.getAttribute(a)?.replace(/\s+/g, ' ').trim();
        if (v) out.push(v);
      }
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out;
}

/** The French dictionary strings found in an element's shadow DOM: `key: text`. */
function frenchLeft(el: Element): string[] {
  const found = new Set<string>();
  for (const t of renderedStrings(el.shadowRoot!))
    for (const m of FRENCH) if (m.test(t)) found.add(`${m.key}: ${t}`);
  return [...found];
}

const ENGLISH_CONSTANTS = new Set(
  Object.values(DICTIONARIES).flatMap((d) =>
    Object.values(d.en).filter((e): e is string => typeof e === 'string' && /\p{L}{4}/u.test(e)),
  ),
);

function expectEnglish(el: Element, state: string): void {
  const strings = renderedStrings(el.shadowRoot!);
  const english = strings.filter((t) => ENGLISH_CONSTANTS.has(t));
  expect(english.length, `${state}: English dictionary strings rendered`).to.be.at.least(3);
  expect(frenchLeft(el), `${state}: French dictionary strings in English`).to.deep.equal([]);
}

// --------------------------------------------------------------------------------------------------
describe('French dictionary strings, built from the dictionaries', () => {
  it('covers every dictionary and recognises French, not English', () => {
    expect(FRENCH.length).to.be.greaterThan(150);
    const keys = new Set(FRENCH.map((m) => m.key.split('.')[0]));
    expect([...keys].sort()).to.deep.equal([
      'agenda',
      'common',
      'directory',
      'feedNotices',
      'map',
      'maplibre',
      'orientation',
    ]);
    const hits = (t: string) => FRENCH.filter((m) => m.test(t)).map((m) => m.key);
    expect(hits('4 163 structures trouvées')).to.include('directory.count');
    expect(hits('Page 3 sur 209')).to.include('directory.pageOf');
    expect(hits('Étape 2 sur 4')).to.include('orientation.progress');
    expect(hits('Réessayer')).to.include('common.retry');
    expect(hits('Les données n’ont pas pu être chargées (erreur du serveur).')).to.include(
      'feedNotices.failed',
    );
    expect(hits('Zoomer')).to.include('maplibre.NavigationControl.ZoomIn');
    expect(hits('4,163 organisations found')).to.deep.equal([]);
    expect(hits('Page 3 of 209')).to.deep.equal([]);
    expect(hits('Step 2 of 4')).to.deep.equal([]);
    expect(hits('Distance')).to.deep.equal([]);
  });

  it('every English entry differs from its French one unless it is the same word in both', () => {
    const same: string[] = [];
    for (const [name, d] of Object.entries(DICTIONARIES))
      for (const [key, entry] of Object.entries(d.fr))
        if (typeof entry === 'string' && d.en[key] === entry && /\p{L}{3}/u.test(entry))
          same.push(`${name}.${key}: ${entry}`);
    // Words spelled the same in both languages; anything else here is an untranslated entry.
    const allowed =
      /^(Distance|Source|Sources|Contacts|Public|Publics|Page|Association|Contact|Email|Agenda|Calendar|Structures?|Total|Type|Dates|Département)$/;
    expect(same.filter((s) => !allowed.test(s.split(': ')[1]!))).to.deep.equal([]);
  });
});

describe('French typography in one place (issue 14 item 9)', () => {
  it('a space before ? ! : ; » or after « is a no-break space in French, nothing changes in English', () => {
    expect(typeset('Qui êtes-vous ? « Oui » : non ; si !', 'fr')).to.equal(
      'Qui êtes-vous\u00a0? «\u00a0Oui\u00a0»\u00a0: non\u00a0; si\u00a0!',
    );
    expect(typeset('https://example.org/a?b=c', 'fr')).to.equal('https://example.org/a?b=c');
    expect(typeset('Why? “Yes” : no', 'en')).to.equal('Why? “Yes” : no');
    // Every dictionary string goes through it.
    expect(translate(directoryMessages, 'fr', 'export')).to.equal('Télécharger les résultats');
    expect(translate(feedNoticeMessages, 'fr', 'staleOffline', new Date(2026, 4, 1))).to.match(
      /^Hors ligne\u00a0: /,
    );
    expect(translate(common, 'fr', 'noFeed')).to.contain('\u00a0:');
    expect(translate(common, 'fr', 'noFeed')).not.to.match(/ [?!:;»]/);
  });
});

describe('Intl: plurals, distances, numbers, the nearest lang', () => {
  const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  const km = { none: 'Aucune distance', one: '# kilomètre', other: '# kilomètres' };
  const kmEn = { none: 'No distance', one: '# kilometre', other: '# kilometres' };

  it('plural forms follow CLDR through Intl.PluralRules, numbers formatted for the language', () => {
    expect(plural('fr', 0, km)).to.equal('Aucune distance');
    expect(plural('fr', 1, km)).to.equal('1 kilomètre');
    expect(plural('fr', 1.5, km)).to.equal('1,5 kilomètre'); // French: 0 ≤ n < 2 is singular
    expect(plural('en', 1.5, kmEn)).to.equal('1.5 kilometres');
    expect(spaces(plural('fr', 4163, km))).to.equal('4 163 kilomètres');
    expect(plural('en', 4163, kmEn)).to.equal('4,163 kilometres');
    expect(plural('en', 0, { one: '# event', other: '# events' })).to.equal('0 events');
  });

  it('distances: metres under 1 km, one decimal under 10 km', () => {
    expect(spaces(distance('fr', 0.847))).to.equal('850 m');
    expect(spaces(distance('fr', 1.24))).to.equal('1,2 km');
    expect(distance('en', 1.24)).to.equal('1.2 km');
    expect(distance('en', 12.4)).to.equal('12 km');
  });

  it('the language is the nearest lang attribute, across shadow roots; French by default', () => {
    const outer = document.createElement('div');
    outer.lang = 'en-GB';
    const host = document.createElement('div');
    outer.append(host);
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(outer);
    const pageLang = document.documentElement.getAttribute('lang');
    try {
      expect(langOf(inner)).to.equal('en');
      host.shadowRoot!.firstElementChild!.setAttribute('lang', 'fr');
      expect(langOf(inner)).to.equal('fr');
      inner.removeAttribute('lang');
      outer.removeAttribute('lang');
      document.documentElement.removeAttribute('lang');
      expect(langOf(inner)).to.equal('fr');
    } finally {
      outer.remove();
      if (pageLang !== null) document.documentElement.setAttribute('lang', pageLang);
    }
  });
});

describe('components walked in English leave no French dictionary string', function (this: Mocha.Suite) {
  this.timeout(90000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  it('<ess-directory>: results, filters, detail, empty, then error; and French again when lang changes', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="en"><ess-feed .store=${store}><ess-directory></ess-directory></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-directory') as EssDirectory;
    await cards(el);
    expectEnglish(el, 'results');

    $<HTMLButtonElement>(el, '.filters-toggle')!.click();
    const facetBox = $<HTMLInputElement>(el, 'fieldset.facet input[type="checkbox"]')!;
    facetBox.click();
    await el.updateComplete;
    await cards(el);
    expectEnglish(el, 'filtered');

    $<HTMLButtonElement>(el, '.card-button')!.click();
    await waitUntil(() => $(el, '#detail-heading'), 'detail shown');
    await el.updateComplete;
    expectEnglish(el, 'detail');

    $<HTMLButtonElement>(el, '.back')!.click();
    await cards(el);
    store.search.setText('zzqxwv nothing matches this');
    await waitUntil(() => $(el, '[part="empty"]'), 'empty state', { timeout: 10000 });
    expectEnglish(el, 'empty');

    // The same tree in French does contain dictionary strings: the check can fail.
    wrapper.setAttribute('lang', 'fr');
    await waitUntil(() => frenchLeft(el).length > 0, 'French after lang=fr');
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => frenchLeft(el).length === 0, 'English again');

    const broken = await fixture<HTMLElement>(
      html`<div lang="en"><ess-directory feed="/no/such/feed/manifest.json"></ess-directory></div>`,
    );
    const failing = broken.querySelector('ess-directory')!;
    await waitUntil(() => $(failing, '[part="error"]'), 'error state', { timeout: 20000 });
    expectEnglish(failing, 'error');
  });

  it('<ess-orientation>: each step, the missing-answer error, the results', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="en"><ess-feed .store=${store}><ess-orientation></ess-orientation></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-orientation') as EssOrientation;
    await waitUntil(() => $(el, '#question'), 'first question', { timeout: 15000 });
    expectEnglish(el, 'step 1');

    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitUntil(() => $(el, '[part="error-summary"]'), 'error summary');
    expectEnglish(el, 'missing answer');

    for (let step = 1; step < 8 && !$(el, '#results-heading'); step++) {
      const option = $<HTMLInputElement>(el, '.option input');
      if (option) {
        option.click();
        await el.updateComplete;
        $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      } else {
        $<HTMLButtonElement>(el, 'button.skip')!.click();
      }
      await el.updateComplete;
      await waitUntil(() => $(el, '#question') ?? $(el, '#results-heading'), `step ${step + 1}`);
      expectEnglish(el, `after step ${step}`);
    }
    expect($(el, '#results-heading'), 'results reached').to.exist;
    await waitUntil(() => $(el, '.card') ?? $(el, '.empty'), 'results listed', { timeout: 15000 });
    await el.updateComplete;
    for (const d of $$<HTMLDetailsElement>(el, 'details')) d.open = true;
    expectEnglish(el, 'results');
  });

  it('<ess-agenda>: list, month, week, an event', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="en"><ess-feed .store=${store}><ess-agenda reference-date="2026-03-01"></ess-agenda></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-agenda') as EssAgenda;
    await waitUntil(() => $(el, '[part="count"]'), 'agenda rendered', { timeout: 15000 });
    await waitUntil(() => $(el, '.card-button'), 'events listed', { timeout: 15000 });
    // the filters panel and the download, loaded right after the first list, in English too
    await waitUntil(() => $(el, '#from') && $(el, '[part="export"]'), 'filters loaded', { timeout: 15000 });
    expectEnglish(el, 'list');
    for (const view of ['month', 'week'] as const) {
      $<HTMLElement>(el, `#tab-${view}`)!.click();
      await el.updateComplete;
      expectEnglish(el, view);
    }
    $<HTMLElement>(el, '#tab-list')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '.card-button')!.click();
    await el.updateComplete;
    await aTimeout(0);
    await waitUntil(() => $(el, '[part="detail"]'), 'event detail');
    expectEnglish(el, 'event');
  });

  it('<ess-map>: its toolbar, list and MapLibre’s controls, labelled from the dictionary', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="en"><ess-feed src=${REAL_FEED}><ess-map style="width:600px;height:480px"></ess-map></ess-feed></div>`,
    );
    const feed = wrapper.querySelector('ess-feed') as EssFeed;
    const el = wrapper.querySelector('ess-map') as EssMap;
    await waitUntil(() => feed.store?.getState().status === 'ready', 'feed loaded', { timeout: 30000 });
    await waitUntil(() => el.map, 'map created', { timeout: 30000 });
    await Promise.race([el.ready, aTimeout(30000).then(() => Promise.reject(new Error('no idle')))]);
    const en = maplibreLocale('en');
    const title = (sel: string) =>
      $(el, sel)?.getAttribute('title') ?? $(el, sel)?.getAttribute('aria-label');
    expect(title('.maplibregl-ctrl-zoom-in')).to.equal(en['NavigationControl.ZoomIn']);
    expect(title('.maplibregl-ctrl-zoom-out')).to.equal(en['NavigationControl.ZoomOut']);
    expect(title('.maplibregl-ctrl-fullscreen')).to.equal(en['FullscreenControl.Enter']);
    expect(title('.maplibregl-ctrl-geolocate')).to.equal(en['GeolocateControl.FindMyLocation']);
    expect($(el, 'canvas')!.getAttribute('aria-label')).to.equal(en['Map.Title']);
    expectEnglish(el, 'map');
    // the list of the structures in view, opened
    const toggle = $$<HTMLButtonElement>(el, '.toolbar button').find(
      (b) => b.getAttribute('aria-controls') === 'list',
    );
    toggle?.click();
    await el.updateComplete;
    expectEnglish(el, 'map with its list');
  });
});

// --- right to left ----------------------------------------------------------------------------------
/** The box of an element's text (not of the block: a block spans the whole line in both directions). */
function textBox(node: Element): DOMRect {
  const range = document.createRange();
  range.selectNodeContents(node);
  return range.getBoundingClientRect();
}

/** Rendered boxes inside the host that stick out of it (visually hidden and clipped ones aside). */
function overflowing(el: Element): string[] {
  const host = el.getBoundingClientRect();
  const out: string[] = [];
  const walk = (root: ShadowRoot) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.closest('.sr-only, .maplibregl-map, [hidden]')) continue;
      const r = node.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (getComputedStyle(node).clipPath !== 'none') continue;
      if (r.left < host.left - 1 || r.right > host.right + 1)
        out.push(
          `${node.localName}.${node.className} ${Math.round(r.left)}–${Math.round(r.right)} ∉ ${Math.round(host.left)}–${Math.round(host.right)}`,
        );
    }
  };
  walk(el.shadowRoot!);
  return out;
}

describe('right-to-left page (dir="rtl")', function (this: Mocha.Suite) {
  this.timeout(60000);

  it('component styles use logical properties only (MapLibre’s own sheet aside)', () => {
    const physical = [
      /\b(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)\b/,
      /(?:^|[\s;{])(?:left|right)\s*:/,
      /\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b/,
      /\bborder-(?:top|bottom)-(?:left|right)-radius\b/,
    ];
    const found: string[] = [];
    let sheets = 0;
    for (const tag of ['ess-directory', 'ess-agenda', 'ess-orientation', 'ess-map', 'ess-feed']) {
      const ctor = customElements.get(tag) as unknown as { elementStyles: Array<{ cssText?: string }> };
      for (const style of ctor.elementStyles) {
        const text = style.cssText ?? '';
        if (text.includes('.maplibregl-map')) continue;
        sheets++;
        for (const declaration of text.split(/[;{}]/)) {
          const d = declaration.trim();
          if (physical.some((re) => re.test(` ${d}`))) found.push(`${tag}: ${d}`);
          // four-value shorthands whose left and right differ
          const four = /^(?:margin|padding|inset):\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$/.exec(d);
          if (four && four[2] !== four[4]) found.push(`${tag}: ${d}`);
        }
      }
    }
    expect(sheets).to.be.at.least(5);
    expect(found).to.deep.equal([]);
  });

  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  it('<ess-directory>: mirrored in reading order, accents on the start side, nothing overflows', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div dir="rtl" lang="en" style="inline-size: 1000px"><ess-feed .store=${store}><ess-directory></ess-directory></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-directory') as EssDirectory;
    await cards(el);
    const box = (sel: string) => $(el, sel)!.getBoundingClientRect();
    const host = el.getBoundingClientRect();
    // The label and the search box start on the right.
    const label = textBox($(el, 'label[for="q"]')!);
    expect(host.right - label.right, 'label text starts on the right').to.be.lessThan(2);
    expect(label.left - host.left, 'and is not on the left').to.be.greaterThan(host.width / 3);
    expect(getComputedStyle($(el, '#q')!).direction).to.equal('rtl');
    // Wide layout: the filters column (first in reading order) is on the right of the results.
    expect(box('.filters-column').left).to.be.greaterThan(box('.results').right - 1);
    // The card accent is on the start (right) side.
    const card = $(el, '.card')!;
    expect(getComputedStyle(card).borderRightWidth).to.equal('4px');
    expect(getComputedStyle(card).borderLeftWidth).to.equal('1px');
    expect(overflowing(el)).to.deep.equal([]);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth);
    // Narrow: still nothing sticks out.
    wrapper.style.inlineSize = '320px';
    await aTimeout(50);
    expect(overflowing(el)).to.deep.equal([]);
  });

  it('<ess-orientation> and <ess-agenda>: nothing overflows, text starts on the right', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div dir="rtl" lang="en" style="inline-size: 900px"><ess-feed .store=${store}>
        <ess-orientation></ess-orientation><ess-agenda reference-date="2026-03-01"></ess-agenda>
      </ess-feed></div>`,
    );
    const orientation = wrapper.querySelector('ess-orientation')!;
    const agenda = wrapper.querySelector('ess-agenda')!;
    await waitUntil(() => $(orientation, '#question'), 'question', { timeout: 15000 });
    await waitUntil(() => $(agenda, '.card-button'), 'events', { timeout: 15000 });
    for (const el of [orientation, agenda]) {
      expect(overflowing(el), el.localName).to.deep.equal([]);
      const title = textBox($(el, '#title')!);
      expect(
        el.getBoundingClientRect().right - title.right,
        `${el.localName} title on the right`,
      ).to.be.lessThan(2);
    }
    $<HTMLElement>(agenda, '#tab-month')!.click();
    await (agenda as EssAgenda).updateComplete;
    expect(overflowing(agenda), 'month grid').to.deep.equal([]);
  });
});
