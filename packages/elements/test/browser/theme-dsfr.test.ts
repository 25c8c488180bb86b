/**
 * The DSFR theme looks like the DSFR's own components: inside the real `@gouvfr/dsfr` stylesheet, light
 * and dark, the widgets' search field, drop-down list, buttons, checkboxes, cards and tabs compute the same
 * background, underline, corners, size and selected-tab line as `fr-input`, `fr-select`, `fr-btn`,
 * `fr-checkbox-group`, `fr-fieldset`, `fr-card` and `fr-tabs` drawn by the DSFR's CSS next to them. Without the theme,
 * the widgets keep their own look (the built-in token values). Screenshots of the same comparison:
 * `packages/elements/test/dsfr/screenshots.mjs`.
 */
import type { FeedStore } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-agenda.ts';
import type { EssAgenda } from '../../src/agenda/ess-agenda.ts';
import type { EssDirectory } from '../../src/directory/ess-directory.ts';
import { colorTokens } from '../../src/internal/styles.ts';
import { $, $$, cards, realFeed } from './helpers.ts';

const SHEETS = ['/node_modules/@gouvfr/dsfr/dist/dsfr.min.css', '/packages/elements/themes/dsfr.css'];
const LONG = 30000;

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

/** `#rrggbb` as the browser computes it. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
const token = (name: string, scheme: 'light' | 'dark' = 'light') =>
  rgb(colorTokens.find((t) => t.name === name)![scheme]);

/** The first colour of a computed `background-image` (the DSFR draws its frames and lines with gradients). */
const firstColor = (image: string) => image.match(/rgba?\([^)]*\)/)?.[0];

const cs = (el: Element, pseudo?: string) => getComputedStyle(el, pseudo);
const corners = (s: CSSStyleDeclaration) => [
  s.borderTopLeftRadius,
  s.borderTopRightRadius,
  s.borderBottomRightRadius,
  s.borderBottomLeftRadius,
];

/** The directory (filters open) and the agenda, on the real feed. */
async function mountWidgets(store: FeedStore): Promise<{ directory: EssDirectory; agenda: EssAgenda }> {
  const wrapper = await fixture<HTMLElement>(html`<div style="width:1100px">
    <ess-feed .store=${store}>
      <ess-directory page-size="3"></ess-directory>
      <ess-agenda reference-date="2026-03-01" page-size="3"></ess-agenda>
    </ess-feed>
  </div>`);
  const directory = wrapper.querySelector<EssDirectory>('ess-directory')!;
  const agenda = wrapper.querySelector<EssAgenda>('ess-agenda')!;
  await cards(directory);
  await waitUntil(() => $(directory, '.facet input[type="checkbox"]'), 'facets', { timeout: LONG });
  await waitUntil(() => $(agenda, '[role="tab"]'), 'agenda tabs', { timeout: LONG });
  return { directory, agenda };
}

/** The DSFR's own components, marked up as its documentation does. */
async function mountDsfr(): Promise<HTMLElement> {
  return fixture<HTMLElement>(html`<div class="fr-container">
    <input class="fr-input" type="search" id="ref-input" aria-label="Rechercher" />
    <select class="fr-select" id="ref-select" aria-label="Trier"><option>Nom</option></select>
    <button type="button" class="fr-btn" id="ref-btn">Principal</button>
    <button type="button" class="fr-btn fr-btn--secondary" id="ref-btn2">Secondaire</button>
    <fieldset class="fr-fieldset" id="ref-fieldset">
      <legend class="fr-fieldset__legend">Thèmes</legend>
      <div class="fr-fieldset__element">
        <div class="fr-checkbox-group">
          <input type="checkbox" id="ref-check" /><label class="fr-label" for="ref-check">Alimentation</label>
        </div>
      </div>
    </fieldset>
    <div class="fr-card" id="ref-card">
      <div class="fr-card__body"><div class="fr-card__content"><h3 class="fr-card__title">Titre</h3></div></div>
    </div>
    <div class="fr-tabs">
      <div class="fr-tabs__list" role="tablist" aria-label="Vue">
        <button type="button" class="fr-tabs__tab" id="ref-tab1" role="tab" aria-selected="true">Liste</button>
        <button type="button" class="fr-tabs__tab" id="ref-tab2" role="tab" aria-selected="false">Mois</button>
      </div>
    </div>
  </div>`);
}

for (const scheme of ['light', 'dark'] as const) {
  describe(`DSFR theme, ${scheme}: the widgets compute the DSFR components' look`, function () {
    this.timeout(60000);
    let links: HTMLLinkElement[] = [];
    let store: FeedStore;
    before(async () => {
      if (scheme === 'dark') {
        document.documentElement.dataset.frScheme = 'dark';
        document.documentElement.dataset.frTheme = 'dark';
      }
      links = await loadSheets(SHEETS);
      await setViewport({ width: 1280, height: 900 });
      store = await realFeed();
    });
    after(async () => {
      for (const l of links) l.remove();
      document.documentElement.removeAttribute('data-fr-scheme');
      document.documentElement.removeAttribute('data-fr-theme');
      await setViewport({ width: 800, height: 600 });
    });

    it('fields like fr-input and fr-select, buttons like fr-btn, checkboxes like fr-checkbox-group', async () => {
      const ref = await mountDsfr();
      const { directory } = await mountWidgets(store);
      const refInput = cs(ref.querySelector('#ref-input')!);
      for (const field of [
        $(directory, 'input[type="search"]')!,
        $(directory, '#place')!,
        $(directory, '.sort select')!,
      ]) {
        const s = cs(field);
        const name = field.id || field.localName;
        expect(s.backgroundColor, `${name} background`).to.equal(refInput.backgroundColor);
        expect(s.boxShadow, `${name} underline`).to.equal(refInput.boxShadow);
        expect(corners(s), `${name} corners`).to.deep.equal(corners(refInput));
        expect(s.borderBottomColor, `${name} no border of its own`).to.equal('rgba(0, 0, 0, 0)');
      }
      expect(cs($(directory, '.sort select')!).backgroundColor).to.equal(
        cs(ref.querySelector('#ref-select')!).backgroundColor,
      );

      const refButton = cs(ref.querySelector('#ref-btn')!);
      const secondary = cs(ref.querySelector('#ref-btn2')!);
      // enabled ones: a disabled « Page précédente » is greyed on purpose (directory-a11y.test.ts)
      const buttons = $$(directory, '.pagination button:not(:disabled), .export button');
      expect(buttons.length).to.be.greaterThan(1);
      for (const button of buttons) {
        const s = cs(button);
        expect(corners(s), button.textContent!).to.deep.equal(corners(refButton));
        expect(s.fontWeight).to.equal(refButton.fontWeight);
        // the secondary button's 1px frame (the DSFR draws it with an inset shadow)
        expect(s.borderTopColor).to.equal(firstColor(secondary.boxShadow));
        expect(s.color).to.equal(secondary.color);
      }

      // groups of fields unframed, as fr-fieldset
      const refFieldset = cs(ref.querySelector('#ref-fieldset')!);
      for (const fieldset of $$(directory, 'fieldset')) {
        const s = cs(fieldset);
        const shown = (side: string) =>
          s.getPropertyValue(`border-${side}-style`) !== 'none' &&
          s.getPropertyValue(`border-${side}-color`) !== 'rgba(0, 0, 0, 0)';
        expect(shown('top') || shown('left'), 'fieldset frame').to.equal(false);
        expect(
          refFieldset.borderTopStyle === 'none' || refFieldset.borderTopColor === 'rgba(0, 0, 0, 0)',
        ).to.equal(true);
      }

      const refBox = cs(ref.querySelector('#ref-check + label')!, '::before');
      for (const box of $$(directory, '.facet input[type="checkbox"]').slice(0, 3)) {
        const r = box.getBoundingClientRect();
        expect([r.width, r.height]).to.deep.equal([
          Number.parseFloat(refBox.width),
          Number.parseFloat(refBox.height),
        ]);
      }
    });

    it('cards like fr-card: the page’s background, a 1px grey frame, square corners', async () => {
      const ref = await mountDsfr();
      const { directory } = await mountWidgets(store);
      const refCard = cs(ref.querySelector('#ref-card')!);
      const frame = firstColor(refCard.backgroundImage);
      expect(frame).to.be.a('string');
      for (const card of $$(directory, '.card')) {
        const s = cs(card);
        expect(s.backgroundColor).to.equal(refCard.backgroundColor);
        expect(corners(s)).to.deep.equal(corners(refCard));
        for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
          expect(s.getPropertyValue(`border-${side.toLowerCase()}-width`), side).to.equal('1px');
          expect(s.getPropertyValue(`border-${side.toLowerCase()}-color`), side).to.equal(frame);
        }
      }
    });

    it('tabs like fr-tabs: colours, and the selected tab’s 2px top line', async () => {
      const ref = await mountDsfr();
      const { agenda } = await mountWidgets(store);
      const refSelected = cs(ref.querySelector('#ref-tab1')!);
      const refOther = cs(ref.querySelector('#ref-tab2')!);
      const selected = cs($(agenda, '[role="tab"][aria-selected="true"]')!);
      const other = cs($(agenda, '[role="tab"][aria-selected="false"]')!);
      expect(selected.backgroundColor).to.equal(refSelected.backgroundColor);
      expect(selected.color).to.equal(refSelected.color);
      expect(selected.fontWeight).to.equal(refSelected.fontWeight);
      expect(other.backgroundColor).to.equal(refOther.backgroundColor);
      expect(other.color).to.equal(refOther.color);
      // the DSFR's line: its first background layer, 2px high along the top of the selected tab only
      expect(refSelected.backgroundSize.split(',')[0]!.trim()).to.equal('100% 2px');
      expect(selected.boxShadow).to.equal(`${firstColor(refSelected.backgroundImage)} 0px 2px 0px 0px inset`);
      expect(other.boxShadow).to.equal('none');
      expect(corners(selected)).to.deep.equal(['0px', '0px', '0px', '0px']);
    });
  });
}

describe('without a theme, the widgets keep their own look', function () {
  this.timeout(60000);
  before(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  it('white bordered rounded fields, rounded framed buttons, the browser’s checkboxes, accented cards, filled tabs', async () => {
    const { directory, agenda } = await mountWidgets(await realFeed());
    const search = cs($(directory, 'input[type="search"]')!);
    expect(search.backgroundColor).to.equal(token('--ess-color-surface'));
    expect(search.borderTopWidth).to.equal('1px');
    expect(search.borderBottomColor).to.equal(token('--ess-color-border'));
    expect(search.boxShadow).to.equal('none');
    expect(corners(search)).to.deep.equal(['4px', '4px', '4px', '4px']);

    const button = cs($(directory, '.pagination button:not(:disabled)')!);
    expect(corners(button)).to.deep.equal(['4px', '4px', '4px', '4px']);
    expect(button.borderTopColor).to.equal(token('--ess-color-primary'));
    expect(button.fontWeight).to.equal('400');

    const plain = Object.assign(document.createElement('input'), { type: 'checkbox' });
    document.body.append(plain);
    const browserSize = [plain.offsetWidth, plain.offsetHeight];
    plain.remove();
    const box = $(directory, '.facet input[type="checkbox"]')!;
    expect([box.offsetWidth, box.offsetHeight]).to.deep.equal(browserSize);

    const fieldset = cs($(directory, 'fieldset')!);
    expect([fieldset.borderTopStyle, fieldset.borderTopColor]).to.deep.equal([
      'solid',
      token('--ess-color-border'),
    ]);

    const card = cs($(directory, '.card')!);
    expect(card.backgroundColor).to.equal(token('--ess-color-surface-alt'));
    expect([card.borderLeftWidth, card.borderLeftColor]).to.deep.equal(['4px', token('--ess-color-primary')]);
    expect(card.borderTopColor).to.equal('rgba(0, 0, 0, 0)');
    expect(corners(card)).to.deep.equal(['4px', '4px', '4px', '4px']);

    const selected = cs($(agenda, '[role="tab"][aria-selected="true"]')!);
    const other = cs($(agenda, '[role="tab"][aria-selected="false"]')!);
    expect([selected.backgroundColor, selected.color]).to.deep.equal([
      token('--ess-color-primary'),
      token('--ess-color-on-primary'),
    ]);
    expect([other.backgroundColor, other.color]).to.deep.equal([
      token('--ess-color-surface'),
      token('--ess-color-primary'),
    ]);
    expect(selected.boxShadow).to.equal('none');
  });
});
