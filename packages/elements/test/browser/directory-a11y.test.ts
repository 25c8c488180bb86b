/**
 * Issue 14 items 8 and 9 in the directory, on the real embedded feed: the skip link, a disabled
 * "Page précédente" that looks disabled, the département counts, "Retour aux résultats" named without
 * its arrow, the commune combobox announcing how many communes it proposes.
 */
import type { FeedStore } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import type { EssDirectory } from '../../src/directory/ess-directory.ts';
import { $, $$, cards, realFeed, shadow, type } from './helpers.ts';

async function mount(store: FeedStore): Promise<{ el: EssDirectory; before: HTMLButtonElement }> {
  const wrapper = await fixture<HTMLElement>(
    html`<div><button type="button">Avant</button><ess-feed .store=${store}><ess-directory></ess-directory></ess-feed></div>`,
  );
  const el = wrapper.querySelector('ess-directory')!;
  await cards(el);
  return { el, before: wrapper.querySelector('button')! };
}

/** The accessible name of a button or link made of text (what is not `aria-hidden`). */
function nameOf(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  for (const hidden of clone.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return clone.textContent!.replace(/\s+/g, ' ').trim();
}

const focused = (el: EssDirectory) => shadow(el).activeElement as HTMLElement | null;

describe('<ess-directory>: keyboard and reading (issue 14)', function (this: Mocha.Suite) {
  this.timeout(60000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('« Aller aux résultats » is the first stop, visible on focus, and leads to the first result in 3 presses', async () => {
    await setViewport({ width: 1280, height: 800 });
    const { el, before } = await mount(store);
    before.focus();
    await sendKeys({ press: 'Tab' });
    const skip = focused(el);
    expect(skip?.textContent?.trim()).to.equal('Aller aux résultats');
    const box = skip!.getBoundingClientRect();
    expect(box.width, 'visible when focused').to.be.greaterThan(40);
    expect(box.height).to.be.greaterThan(10);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    expect(focused(el)?.id).to.equal('results-heading');
    expect(location.hash, 'the page URL is not touched').to.equal('');
    await sendKeys({ press: 'Tab' });
    // Tab from the results heading reaches the sort select (when more than one result), then the first card.
    for (let i = 0; i < 2 && !focused(el)?.classList.contains('card-button'); i++)
      await sendKeys({ press: 'Tab' });
    expect(focused(el)?.dataset.id).to.equal($$(el, '.card-button')[0]!.dataset.id);
    skip!.blur();
    expect(skip!.getBoundingClientRect().width, 'hidden when not focused').to.be.lessThan(2);
  });

  it('a disabled « Page précédente » looks disabled, unlike « Page suivante »', async () => {
    const { el } = await mount(store);
    const [previous, next] = $$<HTMLButtonElement>(el, '.pagination button');
    expect(previous!.disabled).to.equal(true);
    expect(next!.disabled).to.equal(false);
    const a = getComputedStyle(previous!);
    const b = getComputedStyle(next!);
    expect(a.cursor).to.equal('not-allowed');
    expect([a.color, a.borderStyle, a.backgroundColor]).not.to.deep.equal([
      b.color,
      b.borderStyle,
      b.backgroundColor,
    ]);
    expect(a.color).not.to.equal(b.color);
  });

  it('the département facet reads « Paris (75) — 1 699 », never a count in double parentheses', async () => {
    const { el } = await mount(store);
    const facet = $$(el, 'fieldset.facet').find(
      (f) => f.querySelector('legend')!.textContent === 'Département',
    )!;
    const labels = [...facet.querySelectorAll('label')].map((l) =>
      l.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(labels.length).to.be.greaterThan(0);
    for (const label of labels) {
      expect(label).not.to.match(/\)\s*\(/);
      expect(label).to.match(/\(\d[\dAB]\) — \d/);
    }
    // Other facets keep « (n) ».
    const family = $$(el, 'fieldset.facet').find(
      (f) => f.querySelector('legend')!.textContent === 'Famille',
    )!;
    expect(family.querySelector('label')!.textContent).to.match(/\(\d[\d\s\u202f]*\)\s*$/);
  });

  it('« Retour aux résultats » is named without its arrow', async () => {
    const { el } = await mount(store);
    $$<HTMLButtonElement>(el, '.card-button')[0]!.click();
    await waitUntil(() => $(el, '.back'), 'detail open');
    const back = $(el, '.back')!;
    expect(back.textContent).to.contain('←');
    expect(nameOf(back)).to.equal('Retour aux résultats');
  });

  it('the commune combobox says how many communes it proposes', async () => {
    const { el } = await mount(store);
    const input = $<HTMLInputElement>(el, '#place')!;
    input.focus();
    input.dispatchEvent(new Event('focus'));
    type(input, 'Saint');
    await waitUntil(() => $$(el, '[role="option"]').length > 0, 'suggestions', { timeout: 30000 });
    await el.updateComplete;
    const n = $$(el, '[role="option"]').length;
    const live = $$(el, '.combo [role="status"]').map((p) => p.textContent!.trim());
    expect(live).to.include(`${n} communes proposées, flèches haut et bas pour choisir`);
    type(input, 'zzzzq');
    await waitUntil(
      () => $$(el, '.combo [role="status"]').some((p) => /Aucune commune/.test(p.textContent!)),
      'none said',
    );
  });
});
