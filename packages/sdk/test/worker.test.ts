/**
 * The feed worker's parts that run anywhere: errors that cross to the page keep their class and fields,
 * long lists cross in batches and come back whole and in order, a search index crosses as transferred
 * typed arrays and answers the same; and in Node (no `Worker`) a store asked to use a worker loads on the
 * main thread, says so once, and shows the same as without.
 */
import { expect } from 'chai';
import {
  createFeedStore,
  EssaimError,
  FeedAbortError,
  FeedFormatError,
  FeedHttpError,
  FeedNetworkError,
  FeedTimeoutError,
} from '../src/index.ts';
import type { Feed } from '../src/feed.ts';
import { createSearchIndex } from '../src/search/build.ts';
import { search } from '../src/search/query.ts';
import {
  BATCH,
  buffers,
  FeedReceiver,
  type FromWorker,
  fromWire,
  sendFeed,
  toWire,
  useErrorClasses,
} from '../src/worker/protocol.ts';
import { repoFetch } from './helpers/repo-fetch.ts';
import { labels, loadSearchData, records } from './helpers/search.ts';

describe('feed worker: what crosses between page and worker', () => {
  before(loadSearchData);
  before(() =>
    useErrorClasses([
      FeedAbortError,
      FeedFormatError,
      FeedHttpError,
      FeedNetworkError,
      FeedTimeoutError,
      EssaimError,
    ]),
  );

  it('errors keep their class and fields through a structured clone', () => {
    const format = new FeedFormatError('count-mismatch', {
      url: 'https://x.test/s.json',
      expected: 3,
      actual: 2,
    });
    const back = fromWire(structuredClone(toWire(format)));
    expect(back).to.be.instanceOf(FeedFormatError).and.instanceOf(EssaimError);
    for (const key of [
      'code',
      'kind',
      'messages',
      'hint',
      'url',
      'expected',
      'actual',
      'message',
      'name',
    ] as const)
      expect((back as unknown as Record<string, unknown>)[key], key).to.deep.equal(format[key]);
    const http = new FeedHttpError(503, { url: 'https://x.test/m.json', cause: new TypeError('boom') });
    const httpBack = fromWire(structuredClone(toWire(http))) as FeedHttpError;
    expect(httpBack).to.be.instanceOf(FeedHttpError);
    expect(httpBack.status).to.equal(503);
    expect((httpBack.cause as Error).message).to.equal('boom');
  });

  it('long lists cross in batches and come back whole, in order, per phase', () => {
    // Fixture: the real structures repeated past several batches.
    const many = Array.from({ length: BATCH * 2 + 17 }, (_, i) => records[i % records.length]!);
    const warnings = Array.from({ length: BATCH + 1 }, (_, i) => ({ path: `w${i}` }));
    const feed = {
      manifest: {},
      structures: many,
      services: [],
      events: [],
      parcours: [],
      taxonomy: { id: 't', version: '1', concepts: [] },
      report: { parts: {}, rejections: [], warnings },
    } as unknown as Feed;
    const sent: FromWorker[] = [];
    sendFeed((m) => sent.push(structuredClone(m)), 1, 'preview', feed);
    sendFeed((m) => sent.push(structuredClone(m)), 1, 'feed', { ...feed, structures: many.slice(0, 3) });
    expect(sent.filter((m) => m.t === 'batch').length).to.equal(3 + 2 + 2);
    const receiver = new FeedReceiver();
    const feeds: Feed[] = [];
    for (const m of sent)
      if (m.t === 'batch') receiver.batch(m);
      else if (m.t === 'feed') feeds.push(receiver.feed(m));
    expect(feeds[0]).to.deep.equal(feed);
    expect(feeds[1]!.structures).to.deep.equal(many.slice(0, 3));
    expect(feeds[1]!.report.warnings).to.deep.equal(warnings);
    // the worker's feed is left whole
    expect(feed.structures).to.have.length(BATCH * 2 + 17);
  });

  it('a search index crosses as transferred typed arrays and answers the same', () => {
    const built = createSearchIndex(records, { labels });
    const expected = createSearchIndex(records, { labels });
    const transfer = [...buffers(built.data)];
    expect(transfer.length).to.be.greaterThan(20);
    const data = structuredClone(built.data, { transfer });
    expect(built.data.postDoc.byteLength, 'moved, not copied').to.equal(0);
    const crossed = { records, size: records.length, options: { labels }, data };
    for (const text of ['ressourcerie', 'jardn partage', 'amap', 'repair']) {
      const q = { text, pageSize: 50 };
      const a = search(crossed, q);
      const b = search(expected, q);
      expect(a.total, text).to.equal(b.total);
      expect(a.hits.map((h) => h.record.id)).to.deep.equal(b.hits.map((h) => h.record.id));
      expect(a.facets).to.deep.equal(b.facets);
    }
  });
});

// Node only: a browser has a Worker, so "always" starts one there (test/browser/worker.test.ts).
(typeof Worker === 'undefined' ? describe : describe.skip)(
  'feed worker: the main-thread fallback without Worker (Node; skipped in a browser)',
  () => {
    it('"always" without Worker loads on the main thread, said once, with the same result', async function () {
      this.timeout(60000);
      const fetch0 = globalThis.fetch;
      const info0 = console.info;
      const said: string[] = [];
      globalThis.fetch = repoFetch();
      console.info = (...args: unknown[]) => void said.push(args.join(' '));
      try {
        const load = async (worker: 'always' | 'never') => {
          const store = createFeedStore({
            feed: 'http://essaim.test/data/feed/manifest.json',
            clientOptions: { cache: false },
            worker,
          });
          const state = await store.load();
          store.search.setText('ressourcerie');
          const hits = store.search.getState().result.hits.map((h) => h.record.id);
          store.dispose();
          return { status: state.status, feed: state.feed, hits };
        };
        const a = await load('always');
        const b = await load('always');
        expect(said).to.have.length(1);
        expect(said[0]).to.match(/main thread, not in a worker: this environment has no Worker/);
        const c = await load('never');
        expect(a.status).to.equal('ready');
        expect(a.hits.length).to.be.greaterThan(0);
        expect(a).to.deep.equal(c);
        expect(b).to.deep.equal(c);
      } finally {
        globalThis.fetch = fetch0;
        console.info = info0;
      }
    });
  },
);
