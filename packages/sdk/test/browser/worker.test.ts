/**
 * The feed worker in a real browser: a store that loads the real embedded feed in a worker shows exactly
 * what a store that loads it on the page shows (records, report with every rejection and warning, part
 * errors, searches with their hits and facet counts), and the worker really ran.
 */
import { expect } from 'chai';
import { captureInfo, countWorkers, loadedStore, summary } from './worker-helpers.ts';

describe('feed worker', function (this: Mocha.Suite) {
  this.timeout(60000);

  it('gives the same feed, report and search results as the page', async () => {
    const workers = countWorkers();
    const info = captureInfo();
    try {
      const inWorker = await loadedStore('always');
      expect(workers.started, 'a worker started').to.equal(1);
      expect(info.calls, 'no fallback').to.deep.equal([]);
      const onPage = await loadedStore('never');
      expect(workers.started, 'no worker for "never"').to.equal(1);
      const a = summary(inWorker);
      const b = summary(onPage);
      expect(a.status).to.equal('ready');
      expect(a.structures?.length).to.equal(4192);
      expect(a.searches[0]!.total, 'a search finds something').to.be.greaterThan(0);
      expect(a).to.deep.equal(b);
      inWorker.dispose();
      onPage.dispose();
    } finally {
      workers.restore();
      info.restore();
    }
  });

  it('shows the preview first, then the validated feed, as on the page', async () => {
    const { createFeedStore } = await import('../../src/index.ts');
    const { REAL_FEED } = await import('./worker-helpers.ts');
    const seen = async (worker: 'always' | 'never') => {
      const store = createFeedStore({ feed: REAL_FEED, clientOptions: { cache: false }, worker });
      const states: string[] = [];
      store.subscribe((s) =>
        states.push(`${s.status}${s.validating ? ' validating' : ''} ${s.feed?.structures.length ?? '-'}`),
      );
      await store.load();
      store.dispose();
      return states;
    };
    const inWorker = await seen('always');
    expect(inWorker).to.include('ready validating 4192');
    expect(inWorker).to.deep.equal(await seen('never'));
  });
});
