/**
 * One attribute parser: the same code list means the same thing in every element, whatever the
 * separator (spaces, commas or semicolons), and what is ignored is said in the console.
 */
import type { FeedStore } from '@essaim/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/ess-agenda.ts';
import '../../src/define/ess-directory.ts';
import '../../src/define/ess-feed.ts';
import { $, realFeed } from './helpers.ts';

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function directoryTotal(store: FeedStore, departements: string): Promise<number> {
  store.search.reset();
  store.search.refine({ territory: undefined });
  const w = await fixture<HTMLElement>(
    html`<ess-feed .store=${store}><ess-directory departements=${departements}></ess-directory></ess-feed>`,
  );
  const el = w.querySelector('ess-directory')!;
  await el.updateComplete;
  await waitUntil(() => !store.search.getState().result.pending, 'search done', { timeout: 15000 });
  const total = store.search.getState().result.total;
  w.remove();
  return total;
}

async function agendaCount(store: FeedStore, departements: string): Promise<string> {
  const w = await fixture<HTMLElement>(
    html`<ess-feed .store=${store}><ess-agenda reference-date="2026-03-01" departements=${departements}></ess-agenda></ess-feed>`,
  );
  const el = w.querySelector('ess-agenda')!;
  await waitUntil(() => $(el, '[part="count"]'), 'agenda rendered', { timeout: 15000 });
  await el.updateComplete;
  const count = text($(el, '[part="count"]'));
  w.remove();
  return count;
}

describe('attributes: one parser for every element', () => {
  let store: FeedStore;
  const warnings: string[] = [];
  const warn = console.warn;
  before(async () => {
    store = await realFeed();
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
    };
  });
  after(() => {
    console.warn = warn;
  });

  it('departements="75;93", "75 93" and "75,93" give the same results in the directory and the agenda', async () => {
    const spaces = await directoryTotal(store, '75 93');
    expect(spaces).to.be.greaterThan(0);
    expect(await directoryTotal(store, '75;93'), 'directory, semicolons').to.equal(spaces);
    expect(await directoryTotal(store, '75, 93'), 'directory, commas').to.equal(spaces);
    const agenda = await agendaCount(store, '75 93');
    expect(await agendaCount(store, '75;93'), 'agenda, semicolons').to.equal(agenda);
  });

  it('warns, naming the element, the attribute and the value, about what it ignores', async () => {
    warnings.length = 0;
    const total = await directoryTotal(store, '75;Paris');
    expect(total).to.equal(await directoryTotal(store, '75'));
    const said = warnings.filter((w) => w.includes('<ess-directory>'));
    expect(said).to.have.length(1);
    expect(said[0]).to.contain('departements').and.to.contain('Paris');
    warnings.length = 0;
    const w = await fixture<HTMLElement>(
      html`<ess-feed .store=${store}><ess-directory page-size="5000"></ess-directory></ess-feed>`,
    );
    await w.querySelector('ess-directory')!.updateComplete;
    expect(store.search.getState().query.pageSize).to.equal(100);
    expect(
      warnings.some((x) => x.includes('<ess-directory>') && x.includes('page-size') && x.includes('5000')),
    ).to.equal(true);
    w.remove();
  });
});
