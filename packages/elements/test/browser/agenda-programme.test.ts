// <ess-agenda> read as a programme, on the real embedded feed: "Mai à Vélo 2026" (7 organisers × 31 whole
// days, OpenAgenda) is one card with its range and a disclosure of its 7 places, never repeated day after
// day in the month and the week.
import type { FeedStore } from '@essaim/sdk';
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/ess-feed.ts';
import '../../src/define/ess-agenda.ts';
import type { EssAgenda } from '../../src/agenda/ess-agenda.ts';
import { $, $$, realFeed, shadow } from './helpers.ts';

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mount(store: FeedStore, referenceDate: string): Promise<EssAgenda> {
  const wrapper = await fixture<HTMLElement>(
    html`<ess-feed .store=${store}><ess-agenda reference-date=${referenceDate}></ess-agenda></ess-feed>`,
  );
  const el = wrapper.querySelector('ess-agenda')!;
  await waitUntil(() => $(el, '[part="count"]'), 'agenda rendered', { timeout: 15000 });
  return el;
}

async function showView(el: EssAgenda, view: 'month' | 'week'): Promise<void> {
  $(el, `#tab-${view}`)!.click();
  await el.updateComplete;
  await waitUntil(() => $(el, '[role="grid"]'), `${view} view loaded`, { timeout: 10000 });
}

describe('<ess-agenda> as a programme (real feed, May 2026)', function (this: Mocha.Suite) {
  this.timeout(30000);
  let store: FeedStore;
  beforeEach(async () => {
    store = await realFeed();
  });

  it('before May: one card "Du 1er au 31 mai" for 217 dates; its 7 places behind a disclosure', async () => {
    const el = await mount(store, '2026-04-20');
    const velo = el
      .connector!.getState()
      .result.occurrences.filter((o) => o.event.title === 'Mai à Vélo 2026');
    const cards = $$(el, '.card').filter((c) => text(c).includes('Mai à Vélo 2026'));
    expect(cards).to.have.length(1);
    expect(velo.length).to.be.greaterThan(1);
    const card = cards[0]!;
    expect(text(card.querySelector('.time'))).to.equal('Du 1er au 31 mai');
    const toggle = card.querySelector<HTMLButtonElement>('.expand')!;
    expect(text(toggle)).to.equal('à 7 endroits');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    // Keyboard: focus and Enter.
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    // The list of places is a chunk loaded on the first opening.
    const expanded = () =>
      $$(el, '.card')
        .find((c) => text(c).includes('Mai à Vélo 2026'))
        ?.querySelector('.expand');
    await waitUntil(() => expanded()?.getAttribute('aria-expanded') === 'true', 'expanded', {
      timeout: 10000,
    });
    const button = expanded()!;
    const list = shadow(el).getElementById(button.getAttribute('aria-controls')!)!;
    expect(list.querySelectorAll('li')).to.have.length(7);
    expect(text(list)).to.contain('Cour des comptes');
    await expect(el).to.be.accessible();
  });

  it('during May: "Jusqu’au 31 mai", flagged "En cours", apart from the day’s own events', async () => {
    const el = await mount(store, '2026-05-23');
    const first = $(el, 'section.day')!;
    expect(text(first.querySelector('.day-heading'))).to.equal('Samedi 23 mai 2026');
    const groups = [...first.querySelectorAll('.group-heading')].map(text);
    expect(groups).to.deep.equal(['En cours', 'Ce jour']);
    const velo = $$(el, '.card').filter((c) => text(c).includes('Mai à Vélo 2026'));
    expect(velo).to.have.length(1);
    expect(text(velo[0]!.querySelector('.time'))).to.equal('Jusqu’au 31 mai');
    expect(text(velo[0]!.querySelector('.badge.ongoing'))).to.equal('En cours');
    await expect(el).to.be.accessible();
  });

  it('month view: a day cell counts distinct events; a month-long event is one "en cours" line', async () => {
    const el = await mount(store, '2026-05-05');
    await showView(el, 'month');
    expect(text($(el, '#month-heading'))).to.equal('Mai 2026');
    // 5 May: only the 7 records of "Mai à Vélo 2026" (one series): one event, not seven.
    const cell = $(el, 'td[data-date="2026-05-05"]')!;
    expect(text(cell.querySelector('.dots'))).to.equal('1');
    expect(text(cell)).to.contain('1 évènement');
    cell.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await aTimeout(0);
    const day = $(el, '.day-events')!;
    expect(day.querySelectorAll('.card')).to.have.length(0);
    const details = day.querySelector('details.ongoing')!;
    expect(text(details.querySelector('summary'))).to.equal('En cours ce jour-là : 1 évènement');
    expect(text(details.querySelector('li'))).to.equal('Mai à Vélo 2026 — jusqu’au 31 mai');
    await expect(el).to.be.accessible();
  });

  it('week view: the month-long event is not repeated on each day as a card', async () => {
    const el = await mount(store, '2026-05-05');
    await showView(el, 'week');
    expect($$(el, '.week-day .card').filter((c) => text(c).includes('Mai à Vélo'))).to.have.length(0);
    expect($$(el, '.week-day details.ongoing')).to.have.length(7);
    await expect(el).to.be.accessible();
  });
});
