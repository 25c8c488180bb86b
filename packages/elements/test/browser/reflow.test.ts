// Reflow (WCAG 1.4.10, issue 14): every component in its main states, at 320 CSS px wide, at 200 % zoom
// (a 1280 × 900 window is 640 × 450 CSS px) and at 400 % zoom (320 × 225): nothing passes the right edge
// of the window (no sideways scroll), and the month's cells say their counts without clipping them.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-map.ts';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-orientation.ts';
import type { EssAgenda } from '../../src/agenda/ess-agenda.ts';
import { $, $$, mapsSettled, pastTheRightEdge, realFeed } from './helpers.ts';

const LONG = 30000;
const SIZES = [
  { name: '320 px', width: 320, height: 640 },
  { name: '200 %', width: 640, height: 450 },
  { name: '400 %', width: 320, height: 225 },
];

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** Sideways scroll and the elements past the right edge, at each size. */
async function overflowAtEachSize(root: Element, state: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of SIZES) {
    await setViewport({ width: size.width, height: size.height });
    await frame();
    await mapsSettled(root);
    const scroll = document.documentElement.scrollWidth;
    if (scroll > innerWidth)
      problems.push(`${state} at ${size.name}: the page scrolls sideways (${scroll}/${innerWidth})`);
    for (const p of pastTheRightEdge(root)) problems.push(`${state} at ${size.name}: ${p}`);
  }
  return problems;
}

/** The agenda on the real feed, the week of 27 April 2026 (events that week and in May). */
async function mountAgenda(): Promise<{ page: HTMLElement; el: EssAgenda }> {
  const store = await realFeed();
  const page = await fixture<HTMLElement>(
    html`<div><ess-feed .store=${store}><ess-agenda reference-date="2026-04-27"></ess-agenda></ess-feed></div>`,
  );
  const el = page.querySelector<EssAgenda>('ess-agenda')!;
  await waitUntil(() => $(el, '[part~="card"]'), 'agenda cards', { timeout: LONG });
  return { page, el };
}

describe('reflow: 320 px, 200 % and 400 %', function () {
  this.timeout(120000);
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('the directory, the map and the orientation', async () => {
    const store = await realFeed();
    const page = await fixture<HTMLElement>(html`<div>
      <ess-feed .store=${store}>
        <ess-orientation></ess-orientation>
        <ess-directory></ess-directory>
        <ess-map></ess-map>
      </ess-feed>
    </div>`);
    const directory = page.querySelector('ess-directory')!;
    const map = page.querySelector('ess-map')!;
    const orientation = page.querySelector('ess-orientation')!;
    await waitUntil(() => $(directory, '[part~="card"]'), 'cards', { timeout: LONG });
    await waitUntil(() => $(orientation, 'legend'), 'first question', { timeout: LONG });
    await Promise.race([map.ready, new Promise((_, no) => setTimeout(() => no(new Error('no idle')), LONG))]);
    const problems = await overflowAtEachSize(page, 'results, first question, map');
    // The map's list shown, and the filters opened.
    $(map, '.toggle-list')!.click();
    $(directory, '.filters-toggle')?.click();
    await map.updateComplete;
    problems.push(...(await overflowAtEachSize(page, 'map list and filters open')));
    expect(problems).to.deep.equal([]);
  });

  it('the agenda: list, month and week', async () => {
    const { page, el } = await mountAgenda();
    const problems = await overflowAtEachSize(page, 'agenda list');
    for (const view of ['month', 'week'] as const) {
      $(el, `#tab-${view}`)!.click();
      await waitUntil(() => $(el, '[role="grid"]'), `${view} view`, { timeout: LONG });
      await el.updateComplete;
      problems.push(...(await overflowAtEachSize(page, `agenda ${view}`)));
    }
    expect(problems).to.deep.equal([]);
  });

  it('the month’s cells: the count of events whole (a number), its words for screen readers', async () => {
    const { el } = await mountAgenda();
    $(el, '#tab-month')!.click();
    await waitUntil(() => $(el, '[role="grid"]'), 'month view', { timeout: LONG });
    for (const size of [SIZES[0]!, SIZES[1]!]) {
      await setViewport({ width: size.width, height: size.height });
      await frame();
      const withEvents = $$(el, 'td[role="gridcell"]').filter((td) => td.querySelector('.dots'));
      expect(withEvents.length, 'days with events around May 2026').to.be.greaterThan(0);
      for (const td of withEvents) {
        const dots = td.querySelector<HTMLElement>('.dots')!;
        // shown whole: nothing clipped, a number
        expect(dots.scrollWidth, `${td.dataset.date} at ${size.name}`).to.be.at.most(dots.clientWidth);
        expect(dots.textContent!.trim(), td.dataset.date).to.match(/^\d+$/);
        // and the cell's words for screen readers say "N évènement(s)"
        const words = [...td.querySelectorAll('.sr-only')].map((s) => s.textContent).join(' ');
        expect(words, td.dataset.date).to.match(/\d+ évènements?/);
      }
    }
  });
});
