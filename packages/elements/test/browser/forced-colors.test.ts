// Forced colours (Windows high contrast), emulated in Chromium: focus, selection and out-of-month days stay
// visible in the system's colours (issue 14). Forced colours drop author backgrounds and box-shadows, so
// what used only those (MapLibre's focus ring, the highlighted option, the selected tab and day) vanished.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-map.ts';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-orientation.ts';
import type { EssAgenda } from '../../src/agenda/ess-agenda.ts';
import type { EssDirectory } from '../../src/directory/ess-directory.ts';
import type { EssFeed } from '../../src/feed/ess-feed.ts';
import { $, $$, cards, realFeed, type } from './helpers.ts';

const LONG = 30000;
const DSFR_SHEETS = ['/node_modules/@gouvfr/dsfr/dist/dsfr.min.css', '/packages/elements/themes/dsfr.css'];

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

/** A system colour as the browser computes it now (under the emulated forced colours). */
function system(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

describe('forced colors (emulated)', function () {
  this.timeout(60000);
  before(async () => {
    await emulateMedia({ forcedColors: 'active' });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
  });
  after(async () => {
    await emulateMedia({ forcedColors: 'none' });
  });

  it('the map’s controls show their keyboard focus with an outline in the system colour', async () => {
    const feed = await fixture<EssFeed>(
      html`<ess-feed src="/data/feed/manifest.json"><ess-map style="display:block;width:600px;height:480px"></ess-map></ess-feed>`,
    );
    const el = feed.querySelector('ess-map')!;
    await Promise.race([el.ready, new Promise((_, no) => setTimeout(() => no(new Error('no idle')), LONG))]);
    const buttons = $$<HTMLButtonElement>(el, '.maplibregl-ctrl button');
    expect(buttons.length).to.be.at.least(3);
    for (const button of buttons) {
      button.focus();
      const name = button.getAttribute('aria-label') ?? button.title;
      expect(button.matches(':focus-visible'), name).to.equal(true);
      const style = getComputedStyle(button);
      expect(style.outlineStyle, name).to.equal('solid');
      expect(Number.parseFloat(style.outlineWidth), name).to.be.at.least(2);
      expect(style.outlineColor, name).to.equal(system('Highlight'));
    }
  });

  it('the commune combobox’s highlighted option is in the system’s selection colours', async () => {
    const store = await realFeed();
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-directory></ess-directory></ess-feed>`,
    );
    const el = wrapper.querySelector<EssDirectory>('ess-directory')!;
    await cards(el);
    const input = $<HTMLInputElement>(el, '#place')!;
    input.focus();
    input.dispatchEvent(new Event('focus'));
    type(input, '93100');
    await waitUntil(() => $$(el, '[role="option"]').length > 0, 'suggestions', { timeout: LONG });
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    await el.updateComplete;
    const option = $(el, '[role="option"][aria-selected="true"]')!;
    const other = $(el, '[role="option"][aria-selected="false"]');
    expect(getComputedStyle(option).backgroundColor).to.equal(system('Highlight'));
    expect(getComputedStyle(option).color).to.equal(system('HighlightText'));
    if (other) expect(getComputedStyle(other).backgroundColor).to.not.equal(system('Highlight'));
  });

  it('the agenda’s selected tab, selected day and days of other months stand apart', async () => {
    const store = await realFeed();
    const wrapper = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-agenda reference-date="2026-03-01"></ess-agenda></ess-feed>`,
    );
    const el = wrapper.querySelector<EssAgenda>('ess-agenda')!;
    await waitUntil(() => $(el, '[part="count"]'), 'agenda rendered', { timeout: LONG });
    const selectedTab = () => $(el, '[role="tab"][aria-selected="true"]')!;
    expect(getComputedStyle(selectedTab()).backgroundColor).to.equal(system('Highlight'));
    expect(getComputedStyle(selectedTab()).color).to.equal(system('HighlightText'));
    expect(getComputedStyle($(el, '[role="tab"][aria-selected="false"]')!).backgroundColor).to.not.equal(
      system('Highlight'),
    );
    $(el, '#tab-month')!.click();
    await waitUntil(() => $(el, '[role="grid"]'), 'month view', { timeout: LONG });
    await el.updateComplete;
    const day = $(el, 'td[aria-selected="true"]');
    const anyDay = day ?? $(el, 'td.in')!;
    if (!day) anyDay.click(); // a day chosen
    await el.updateComplete;
    const selected = $(el, 'td[aria-selected="true"]')!;
    expect(getComputedStyle(selected).backgroundColor).to.equal(system('Highlight'));
    expect(getComputedStyle(selected).color).to.equal(system('HighlightText'));
    const out = $(el, 'td.out')!;
    const inMonth = $(el, 'td.in:not([aria-selected="true"])')!;
    expect(getComputedStyle(out).color).to.equal(system('GrayText'));
    expect(getComputedStyle(out).color).to.not.equal(getComputedStyle(inMonth).color);
  });
});

/** The keyboard-focusable controls of a shadow root that are shown. */
function focusables(root: ShadowRoot): HTMLElement[] {
  return [
    ...root.querySelectorAll<HTMLElement>(
      'button, input, select, textarea, a[href], summary, [tabindex="0"], [role="option"]',
    ),
  ].filter(
    (el) =>
      el.getClientRects().length > 0 &&
      !(el as HTMLButtonElement).disabled &&
      el.getAttribute('tabindex') !== '-1' &&
      !el.closest('[hidden], [inert]'),
  );
}

/** Every control of `el` focused in turn: a solid outline, 2px at least, in a colour that shows. */
function missingFocusRings(el: HTMLElement): string[] {
  const missing: string[] = [];
  for (const control of focusables(el.shadowRoot!)) {
    control.focus();
    const name = `${el.localName} ${control.localName}${control.id ? `#${control.id}` : ''} “${(control.textContent ?? '').trim().slice(0, 30)}”`;
    if (el.shadowRoot!.activeElement !== control) continue; // not focusable (e.g. an option)
    const s = getComputedStyle(control);
    if (!control.matches(':focus-visible')) missing.push(`${name}: not :focus-visible`);
    else if (s.outlineStyle === 'none' || Number.parseFloat(s.outlineWidth) < 2)
      missing.push(`${name}: outline ${s.outlineStyle} ${s.outlineWidth}`);
    else if (s.outlineColor === 'rgba(0, 0, 0, 0)') missing.push(`${name}: transparent outline`);
  }
  return missing;
}

describe('forced colors (emulated): every focus indicator and field, in the default and the DSFR theme', function () {
  this.timeout(90000);
  let links: HTMLLinkElement[] = [];
  before(async () => {
    await emulateMedia({ forcedColors: 'active' });
  });
  after(async () => {
    for (const l of links) l.remove();
    await emulateMedia({ forcedColors: 'none' });
  });

  for (const theme of ['default', 'DSFR'] as const) {
    it(`${theme}: each control of the directory (filters open), the agenda (list and month) and the orientation shows its keyboard focus`, async () => {
      if (theme === 'DSFR') links = await loadSheets(DSFR_SHEETS);
      const store = await realFeed();
      const wrapper = await fixture<HTMLElement>(html`<div style="width:1000px">
        <ess-feed .store=${store}>
          <ess-directory page-size="3"></ess-directory>
          <ess-agenda reference-date="2026-03-01" page-size="3"></ess-agenda>
          <ess-orientation></ess-orientation>
        </ess-feed>
      </div>`);
      const directory = wrapper.querySelector<EssDirectory>('ess-directory')!;
      const agenda = wrapper.querySelector<EssAgenda>('ess-agenda')!;
      const orientation = wrapper.querySelector<HTMLElement>('ess-orientation')!;
      await cards(directory);
      await waitUntil(() => $(agenda, '.card-button'), 'agenda list', { timeout: LONG });
      await waitUntil(() => $(orientation, 'input'), 'orientation', { timeout: LONG });
      const controls = focusables(directory.shadowRoot!).length + focusables(agenda.shadowRoot!).length;
      expect(controls).to.be.greaterThan(20);
      const missing = [
        ...missingFocusRings(directory),
        ...missingFocusRings(agenda),
        ...missingFocusRings(orientation),
      ];
      $(agenda, '#tab-month')!.click();
      await waitUntil(() => $(agenda, '[role="grid"]'), 'month view', { timeout: LONG });
      await agenda.updateComplete;
      missing.push(...missingFocusRings(agenda));
      expect(missing).to.deep.equal([]);

      // the fields keep a visible boundary (the DSFR's underline is a box-shadow, which forced colours drop)
      for (const field of [$(directory, 'input[type="search"]')!, $(directory, '.sort select')!]) {
        const s = getComputedStyle(field);
        const visible = ['Top', 'Bottom'].filter(
          (side) =>
            s.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none' &&
            Number.parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`)) >= 1 &&
            s.getPropertyValue(`border-${side.toLowerCase()}-color`) !== 'rgba(0, 0, 0, 0)',
        );
        expect(visible, `${theme} ${field.localName} border`).to.include('Bottom');
      }
      // the selected tab stays in the system's selection colours, whatever the theme
      const tab = $(agenda, '[role="tab"][aria-selected="true"]')!;
      expect(getComputedStyle(tab).backgroundColor).to.equal(system('Highlight'));
      for (const l of links) l.remove();
      links = [];
    });
  }
});
