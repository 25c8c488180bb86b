/**
 * Theming: the token pairs meet WCAG AA in every scheme (computed), the rendered widgets pass axe's
 * colour-contrast in light, dark, DSFR and DSFR dark, every component style sits in the `essaim`
 * layer and the host page wins without `!important`, the scheme follows `prefers-color-scheme` unless
 * the page pins it, and `prefers-reduced-motion` removes transitions.
 */
import type { FeedStore } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type { AxeResults } from 'axe-core';
import type { CSSResultOrNative, LitElement } from 'lit';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-orientation.ts';
import '../../src/define/ess-map.ts';
import type { EssDirectory } from '../../src/directory/ess-directory.ts';
import type { EssFeed } from '../../src/feed/ess-feed.ts';
import type { EssMap } from '../../src/map/ess-map.ts';
import { colorTokens, componentTokens, contrastPairs, otherTokens } from '../../src/internal/styles.ts';
import { defaultColors } from '../../src/map/parts/basemap.ts';
import { mapContrastPairs } from '../../src/map/parts/colors.ts';
import { $, cards, REAL_FEED, realFeed } from './helpers.ts';

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

const DSFR_CSS = new URL('../../themes/dsfr.css', import.meta.url).href;

// --- WCAG 2.2 relative luminance and contrast ratio -------------------------------------------------
function luminance(hex: string): number {
  let h = hex.replace('#', '');
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

type Palette = Record<string, string>;

/** `--ess-color-x: var(--dsfr-token, #hex)` or `--ess-color-x: #hex` declarations of one CSS block. */
function paletteOf(block: string): Palette {
  const out: Palette = {};
  for (const m of block.matchAll(/(--ess-color-[\w-]+):\s*(?:var\(--[\w-]+,\s*)?(#[0-9a-f]{3,6})\)?;/gi))
    out[m[1]!] = m[2]!;
  return out;
}

/** The blocks of the DSFR theme: light, data-fr-theme=dark, and dark before the DSFR script ran. */
async function dsfrPalettes(): Promise<Record<'light' | 'dark' | 'darkLiteral', Palette>> {
  const css = await (await fetch(DSFR_CSS)).text();
  const block = (selector: string) => {
    const start = css.indexOf(`${selector} {`);
    expect(start, selector).to.be.greaterThan(-1);
    return css.slice(start, css.indexOf('}', start));
  };
  return {
    light: paletteOf(block(':root')),
    dark: paletteOf(block(':root[data-fr-theme="dark"]')),
    darkLiteral: paletteOf(block(':root[data-fr-scheme="dark"]:not([data-fr-theme])')),
  };
}

function checkPairs(name: string, palette: Palette): string[] {
  const failures: string[] = [];
  for (const [fg, bg, min] of contrastPairs) {
    const a = palette[fg];
    const b = palette[bg];
    if (!a || !b) {
      failures.push(`${name}: ${fg} or ${bg} missing`);
      continue;
    }
    const ratio = contrast(a, b);
    if (ratio < min) failures.push(`${name}: ${fg} ${a} on ${bg} ${b} = ${ratio.toFixed(2)} < ${min}`);
  }
  return failures;
}

describe('theme tokens: contrast ratios (WCAG 2.2 AA)', () => {
  it('computes the known ratios right', () => {
    expect(contrast('#000000', '#ffffff')).to.be.closeTo(21, 0.001);
    expect(contrast('#767676', '#ffffff')).to.be.closeTo(4.54, 0.01);
  });

  it('the default light and dark palettes meet AA for every pair the widgets draw', () => {
    const light = Object.fromEntries(colorTokens.map((t) => [t.name, t.light]));
    const dark = Object.fromEntries(colorTokens.map((t) => [t.name, t.dark]));
    expect(contrastPairs.length).to.be.greaterThan(10);
    expect([...checkPairs('light', light), ...checkPairs('dark', dark)]).to.deep.equal([]);
    // the pair check does fail on a bad palette
    expect(checkPairs('bad', { ...light, '--ess-color-text-muted': '#aaaaaa' })).to.have.length(2);
  });

  it('the DSFR theme (light, dark, dark before the DSFR script) meets AA, with DSFR’s values', async () => {
    const p = await dsfrPalettes();
    expect(p.light['--ess-color-primary']).to.equal('#000091'); // blue France
    expect(p.dark['--ess-color-primary']).to.equal('#8585f6');
    expect(p.darkLiteral).to.deep.equal(p.dark); // the same dark values with or without the DSFR script
    expect(p.light['--ess-color-focus']).to.equal('#0a76f6'); // the DSFR's focus colour, both schemes
    for (const palette of Object.values(p))
      expect(
        Object.keys(palette)
          .filter((n) => n !== '--ess-color-focus')
          .sort(),
      ).to.deep.equal(
        colorTokens
          .map((t) => t.name)
          .filter((n) => n !== '--ess-color-focus')
          .sort(),
      );
    const focus = '#0a76f6';
    const failures = [
      ...checkPairs('dsfr', { ...p.light, '--ess-color-focus': focus }),
      ...checkPairs('dsfr-dark', { ...p.dark, '--ess-color-focus': focus }),
    ];
    expect(failures).to.deep.equal([]);
  });
});

describe('the map’s symbols against its basemap (WCAG 1.4.11, 3:1)', () => {
  it('structures, events and the selection are ≥ 3:1 on every basemap colour, default and DSFR, light and dark', async () => {
    const p = await dsfrPalettes();
    const primary = colorTokens.find((t) => t.name === '--ess-color-primary')!;
    const themes: [string, 'light' | 'dark', string][] = [
      ['default light', 'light', primary.light],
      ['default dark', 'dark', primary.dark],
      ['dsfr light', 'light', p.light['--ess-color-primary']!],
      ['dsfr dark', 'dark', p.dark['--ess-color-primary']!],
      ['dsfr dark (before the DSFR script)', 'dark', p.darkLiteral['--ess-color-primary']!],
    ];
    const failures: string[] = [];
    for (const [theme, scheme, colour] of themes) {
      const pairs = mapContrastPairs(scheme, colour);
      expect(pairs.length).to.equal(9);
      for (const [what, fg, bg, min] of pairs) {
        const ratio = contrast(fg, bg);
        if (ratio < min) failures.push(`${theme}: ${what} ${fg} on ${bg} = ${ratio.toFixed(2)} < ${min}`);
      }
    }
    expect(failures).to.deep.equal([]);
    // Before the dark basemap, dark clusters sat on the light one: 2.46:1 on its water, below 3:1.
    expect(contrast(primary.dark, defaultColors.water)).to.be.closeTo(2.46, 0.01);
  });
});

describe('theme files and docs agree with the tokens the widgets read', () => {
  const themeFile = async (name: string) =>
    (await fetch(new URL(`../../themes/${name}`, import.meta.url))).text();

  it('themes/default.css writes out every token with the built-in values', async () => {
    const css = await themeFile('default.css');
    for (const t of colorTokens) {
      const value = t.light === t.dark ? t.light : `light-dark(${t.light}, ${t.dark})`;
      expect(css, t.name).to.include(`${t.name}: ${value};`);
    }
    for (const t of [...otherTokens, ...componentTokens].filter((o) => o.name !== '--ess-font-family'))
      expect(css, t.name).to.include(`${t.name}: ${t.default};`);
  });

  it('themes/README.md documents every token with its defaults', async () => {
    const md = await themeFile('README.md');
    for (const t of colorTokens) {
      const row = md.split('\n').find((l) => l.startsWith(`| \`${t.name}\` |`));
      expect(row, t.name).to.exist;
      expect(row).to.include(t.light);
      expect(row).to.include(t.dark);
    }
    for (const t of [...otherTokens, ...componentTokens]) expect(md).to.include(`| \`${t.name}\` |`);
  });
});

// --- rendered widgets ---------------------------------------------------------------------------------
async function mountDirectory(store: FeedStore, wrapperStyle = ''): Promise<EssDirectory> {
  const wrapper = await fixture<HTMLElement>(
    html`<div style=${wrapperStyle}><ess-feed .store=${store}><ess-directory></ess-directory></ess-feed></div>`,
  );
  const el = wrapper.querySelector('ess-directory')!;
  await cards(el);
  return el;
}

async function withStylesheet<T>(href: string, run: () => Promise<T>): Promise<T> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = reject;
  });
  document.head.append(link);
  await loaded;
  try {
    return await run();
  } finally {
    link.remove();
  }
}

async function contrastViolations(el: Element): Promise<string[]> {
  const res: AxeResults = await window.axe.run(el, { runOnly: ['color-contrast'] });
  return res.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`));
}

const rgb = (el: Element, prop: string) => getComputedStyle(el).getPropertyValue(prop);

describe('theme: rendered widgets', function (this: Mocha.Suite) {
  this.timeout(60000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    document.documentElement.removeAttribute('data-fr-theme');
    document.documentElement.removeAttribute('data-fr-scheme');
  });

  it('follows prefers-color-scheme: dark colours in a dark system, axe colour-contrast clean in both', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await mountDirectory(store);
    expect(rgb(el, 'background-color')).to.equal('rgb(255, 255, 255)');
    expect(await contrastViolations(el)).to.deep.equal([]);
    await emulateMedia({ colorScheme: 'dark' });
    expect(rgb(el, 'background-color')).to.equal('rgb(22, 22, 22)');
    expect(rgb(el, 'color')).to.equal('rgb(229, 229, 229)');
    expect(rgb($(el, '.card-button')!, 'color')).to.equal('rgb(133, 133, 246)');
    expect(await contrastViolations(el)).to.deep.equal([]);
  });

  it('axe does flag a host palette that breaks contrast (the check can fail)', async () => {
    const el = await mountDirectory(store, '--ess-color-scheme: light; --ess-color-text-muted: #bbbbbb');
    expect((await contrastViolations(el)).length).to.be.greaterThan(0);
  });

  it('stays light when the page says so (--ess-color-scheme on an ancestor, or color-scheme on the element)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const pinned = await mountDirectory(store, '--ess-color-scheme: light');
    expect(rgb(pinned, 'background-color')).to.equal('rgb(255, 255, 255)');
    pinned.style.colorScheme = 'light';
    pinned.parentElement!.parentElement!.style.removeProperty('--ess-color-scheme');
    expect(rgb(pinned, 'background-color')).to.equal('rgb(255, 255, 255)');
    pinned.style.removeProperty('color-scheme');
    expect(rgb(pinned, 'background-color')).to.equal('rgb(22, 22, 22)');
  });

  it('DSFR theme: blue France, Marianne first, DSFR focus ring; dark with data-fr-theme; axe clean', async () => {
    await withStylesheet(DSFR_CSS, async () => {
      await emulateMedia({ colorScheme: 'dark' }); // a DSFR page stays light unless it says dark
      const el = await mountDirectory(store);
      expect(rgb(el, 'font-family')).to.match(/^Marianne, arial, sans-serif$/i);
      expect(rgb(el, 'background-color')).to.equal('rgb(255, 255, 255)');
      const button = $(el, '.card-button')!;
      expect(rgb(button, 'color')).to.equal('rgb(0, 0, 145)');
      button.focus();
      // :focus-visible after a programmatic focus that follows no pointer event
      const ring = getComputedStyle(button);
      expect([ring.outlineStyle, ring.outlineWidth, ring.outlineColor, ring.outlineOffset]).to.deep.equal([
        'solid',
        '2px',
        'rgb(10, 118, 246)',
        '2px',
      ]);
      expect(await contrastViolations(el)).to.deep.equal([]);

      document.documentElement.setAttribute('data-fr-scheme', 'dark');
      expect(rgb(el, 'background-color')).to.equal('rgb(22, 22, 22)');
      expect(rgb(button, 'color')).to.equal('rgb(133, 133, 246)');
      document.documentElement.setAttribute('data-fr-theme', 'dark');
      expect(rgb(el, 'background-color')).to.equal('rgb(22, 22, 22)');
      expect(rgb(el, 'color')).to.equal('rgb(206, 206, 206)');
      expect(await contrastViolations(el)).to.deep.equal([]);
    });
  });

  it('DSFR theme uses the page’s DSFR tokens when the page defines them', async () => {
    await withStylesheet(DSFR_CSS, async () => {
      // The DSFR declares its tokens on :root; our mapping resolves them there.
      document.documentElement.style.setProperty('--text-action-high-blue-france', '#1212ff');
      try {
        const el = await mountDirectory(store);
        expect(rgb($(el, '.card-button')!, 'color')).to.equal('rgb(18, 18, 255)');
      } finally {
        document.documentElement.style.removeProperty('--text-action-high-blue-france');
      }
    });
  });

  it('agenda (list, month) and orientation pass axe colour-contrast in dark, DSFR and DSFR dark', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div><ess-feed .store=${store}>
        <ess-agenda reference-date="2026-03-01"></ess-agenda><ess-orientation></ess-orientation>
      </ess-feed></div>`,
    );
    const agenda = wrapper.querySelector('ess-agenda')!;
    const orientation = wrapper.querySelector('ess-orientation')!;
    await waitUntil(() => $(agenda, '.card-button') && $(orientation, '#question'), 'rendered', {
      timeout: 15000,
    });
    const check = async (scheme: string) => {
      for (const view of ['list', 'month'] as const) {
        $(agenda, `#tab-${view}`)!.click();
        await (agenda as LitElement).updateComplete;
        expect(await contrastViolations(agenda), `${scheme} agenda ${view}`).to.deep.equal([]);
      }
      expect(await contrastViolations(orientation), `${scheme} orientation`).to.deep.equal([]);
    };
    await emulateMedia({ colorScheme: 'dark' });
    expect(rgb(agenda, 'background-color')).to.equal('rgb(22, 22, 22)');
    await check('dark');
    await withStylesheet(DSFR_CSS, async () => {
      await check('DSFR');
      document.documentElement.setAttribute('data-fr-theme', 'dark');
      await check('DSFR dark');
    });
  });

  it('every component style is in the essaim layer (MapLibre’s own sheet aside)', () => {
    const tags = ['ess-directory', 'ess-agenda', 'ess-orientation', 'ess-map', 'ess-feed'];
    let checked = 0;
    for (const tag of tags) {
      const ctor = customElements.get(tag) as unknown as typeof LitElement;
      for (const s of ctor.elementStyles as CSSResultOrNative[]) {
        const sheet = s instanceof CSSStyleSheet ? s : s.styleSheet!;
        const rules = [...sheet.cssRules];
        if (rules.some((r) => r instanceof CSSStyleRule && r.selectorText.includes('.maplibregl-map')))
          continue;
        for (const r of rules) {
          expect(r, `${tag}: ${r.cssText.slice(0, 80)}`).to.be.instanceOf(CSSLayerBlockRule);
          expect((r as CSSLayerBlockRule).name).to.equal('essaim');
          checked++;
        }
      }
    }
    expect(checked).to.be.at.least(tags.length);
  });

  it('the host page wins without !important: tokens, element rules and ::part()', async () => {
    const style = document.createElement('style');
    style.textContent = `
      .restyled { --ess-color-primary: rgb(106, 27, 154); --ess-radius: 0px; }
      .restyled ess-directory { background-color: rgb(250, 240, 230); font-family: serif; }
      .restyled ess-directory::part(card) { background-color: rgb(1, 2, 3); border-inline-start-width: 9px; }
      .restyled ess-directory::part(count) { color: rgb(4, 5, 6); }`;
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<div class="restyled"><ess-feed .store=${store}><ess-directory></ess-directory></ess-feed></div>`,
      );
      const el = wrapper.querySelector('ess-directory')!;
      await cards(el);
      expect(rgb(el, 'background-color')).to.equal('rgb(250, 240, 230)');
      expect(rgb(el, 'font-family')).to.equal('serif');
      const card = $(el, '[part~="card"]')!;
      expect(rgb(card, 'background-color')).to.equal('rgb(1, 2, 3)');
      expect(rgb(card, 'border-left-width')).to.equal('9px');
      expect(rgb(card, 'border-top-left-radius')).to.equal('0px');
      expect(rgb($(el, '.card-button')!, 'color')).to.equal('rgb(106, 27, 154)');
      expect(rgb($(el, '[part="count"]')!, 'color')).to.equal('rgb(4, 5, 6)');
    } finally {
      style.remove();
    }
  });

  it('prefers-reduced-motion: no transition nor animation inside the widgets', async () => {
    const el = await mountDirectory(store);
    const button = $(el, '.card-button')!;
    expect(rgb(button, 'transition-property')).to.equal('all');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(rgb(button, 'transition-property')).to.equal('none');
    expect(rgb(button, 'animation-name')).to.equal('none');
  });

  it('the map passes axe colour-contrast in the dark scheme and in DSFR dark', async function (this: Mocha.Context) {
    this.timeout(90000);
    const wrapper = await fixture<HTMLElement>(
      html`<div><ess-feed src=${REAL_FEED}><ess-map style="width:500px;height:400px"></ess-map></ess-feed></div>`,
    );
    const el = wrapper.querySelector('ess-map') as EssMap;
    await waitUntil(() => el.map, 'map created', { timeout: 30000 });
    await el.ready;
    await emulateMedia({ colorScheme: 'dark' });
    expect(rgb(el, 'background-color')).to.equal('rgb(22, 22, 22)');
    expect(await contrastViolations(el)).to.deep.equal([]);
    await withStylesheet(DSFR_CSS, async () => {
      document.documentElement.setAttribute('data-fr-theme', 'dark');
      expect(await contrastViolations(el)).to.deep.equal([]);
    });
  });

  it('prefers-reduced-motion: the map jumps to a selected structure instead of flying', async function (this: Mocha.Context) {
    this.timeout(90000);
    const wrapper = await fixture<HTMLElement>(
      html`<div><ess-feed src=${REAL_FEED}><ess-map style="width:500px;height:400px"></ess-map></ess-feed></div>`,
    );
    const feed = wrapper.querySelector('ess-feed') as EssFeed;
    const el = wrapper.querySelector('ess-map') as EssMap;
    await waitUntil(() => feed.store?.getState().status === 'ready', 'feed loaded', { timeout: 30000 });
    await waitUntil(() => el.map, 'map created', { timeout: 30000 });
    await el.ready;
    const map = el.map!;
    const located = feed.store!.getState().feed!.structures.filter((s) => s.geo);
    const [first, second] = [located[0]!, located[located.length - 1]!];
    // Without a preference, the camera animates towards the selection.
    feed.store!.select(first.id);
    await waitUntil(() => map.isMoving(), 'animating');
    await waitUntil(() => !map.isMoving(), 'animation over', { timeout: 20000 });
    // With reduced motion, it is there at once.
    await emulateMedia({ reducedMotion: 'reduce' });
    feed.store!.select(second.id);
    await el.updateComplete;
    await waitUntil(() => Math.abs(map.getCenter().lng - second.geo!.lon) < 1e-6, 'moved', { timeout: 2000 });
    expect(map.isMoving()).to.equal(false);
    expect(map.getCenter().lat).to.be.closeTo(second.geo!.lat, 1e-6);
  });
});
