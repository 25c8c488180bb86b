import { expect } from 'chai';
import {
  createFeedStore,
  createOrientation,
  type FeedStoreState,
  memoryCache,
  type SharedOrientation,
} from '../src/index.ts';
import { manifest, realStructure, variant } from './fixtures.ts';
import { repoFetch } from './helpers/repo-fetch.ts';

describe('feed store (the page state shared by the widgets)', () => {
  it('loads the embedded feed, indexes it once, and searches it', async function () {
    this.timeout(30000);
    const log: string[] = [];
    const store = createFeedStore({
      feed: 'http://essaim.test/data/feed/manifest.json',
      clientOptions: { fetch: repoFetch(log), cache: memoryCache() },
    });
    const statuses: string[] = [];
    const previewed: number[] = [];
    let firstPage: string[] = [];
    store.subscribe((s) => {
      statuses.push(s.validating ? `${s.status} (preview)` : s.status);
      if (s.validating) {
        previewed.push(s.feed!.structures.length, store.search.getState().result.total);
        firstPage = store.search.getState().result.hits.map((h) => h.record.id);
      }
    });
    const state = await store.load();
    expect(state.status).to.equal('ready');
    // the records are shown before the validation, then the validated feed replaces them
    expect(statuses).to.deep.equal(['loading', 'ready (preview)', 'ready']);
    expect(state.validating).to.equal(false);
    expect(previewed[0]).to.equal(state.feed!.structures.length);
    expect(previewed[1]).to.equal(state.feed!.structures.length);
    // the first page shown before the search engine loaded is the engine's own first page
    expect(store.search.getState().result.pending).to.equal(undefined);
    expect(firstPage).to.have.length(20);
    expect(store.search.getState().result.hits.map((h) => h.record.id)).to.deep.equal(firstPage);
    const feed = state.feed!;
    expect(feed.structures.length).to.equal(
      feed.manifest.parts.structures && 'count' in feed.manifest.parts.structures
        ? feed.manifest.parts.structures.count
        : -1,
    );
    expect(feed.report.parts.structures).to.deep.include({ rejected: 0 });
    const events = feed.manifest.parts.events;
    expect(feed.events).to.have.length(events && 'count' in events ? events.count! : -1);
    expect(feed.events.length).to.be.greaterThan(0);
    // the taxonomy resolves ids and slugs
    expect(store.concept('theme--alimentation')?.label.fr).to.be.a('string');
    const bySlug = store.concept(store.concept('theme--alimentation')!.slug);
    expect(bySlug?.id).to.equal('theme--alimentation');
    // the shared search sees the structures
    store.search.setText('ressourcerie');
    const { result } = store.search.getState();
    expect(result.total).to.be.greaterThan(3);
    expect(result.hits[0]!.record.name.toLowerCase()).to.contain('ressourcerie');
    expect(store.structure(result.hits[0]!.record.id)).to.equal(result.hits[0]!.record);
    // the selection is shared, and only a change notifies
    const seen: Array<string | undefined> = [];
    const stop = store.subscribe((s) => seen.push(s.selectedId));
    store.select(result.hits[0]!.record.id);
    store.select(result.hits[0]!.record.id);
    store.select(undefined);
    stop();
    expect(seen).to.deep.equal([result.hits[0]!.record.id, undefined]);
    // load() twice does not fetch twice
    const requests = log.length;
    await store.load();
    expect(log.length).to.equal(requests);
    store.dispose();
  });

  it('keeps the query across a reload and shows stale data, with its age, when the network fails', async function () {
    this.timeout(30000);
    let offline = false;
    let now = Date.parse('2026-11-22T10:00:00Z');
    const store = createFeedStore({
      feed: 'http://essaim.test/data/feed/manifest.json',
      clientOptions: { fetch: repoFetch([], () => offline), cache: memoryCache(), now: () => now, retry: 0 },
    });
    await store.load();
    store.search.setText('jardin');
    const before = store.search.getState().result.total;
    expect(before).to.be.greaterThan(10);
    offline = true;
    now += 2 * 24 * 3600 * 1000;
    const state: FeedStoreState = await store.reload();
    expect(state.status).to.equal('ready');
    expect(state.stale).to.equal(true);
    expect(state.error?.code).to.equal('feed-network');
    expect(store.search.getState().query.text).to.equal('jardin');
    expect(store.search.getState().result.total).to.equal(before);
    store.dispose();
  });

  it('says what failed, in French and English, when nothing can be shown', async () => {
    const store = createFeedStore({
      feed: 'http://essaim.test/data/nothing-here/manifest.json',
      clientOptions: { fetch: repoFetch(), cache: memoryCache(), retry: 0 },
    });
    const state = await store.load();
    expect(state.status).to.equal('error');
    expect(state.error?.code).to.equal('feed-http');
    expect(state.error?.messages.fr).to.contain('404');
    expect(store.search.getState().result.total).to.equal(0);
    store.dispose();
  });
});

describe('feed store: preview before validation', () => {
  const URL_ = 'http://essaim.test/feed.json';
  function serve(body: unknown): typeof fetch {
    return async () =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  }

  it('shows shape-valid records at once, then only the valid ones, with the rejected one reported', async () => {
    const badPostcode = variant(realStructure, (s) => {
      s.id = 'reel--code-postal-faux';
      s.address = { ...s.address!, postcode: '7501' };
    });
    const nameNotText = { ...realStructure, id: 'reel--nom-nombre', name: 42 };
    const store = createFeedStore({
      feed: URL_,
      clientOptions: {
        fetch: serve(manifest({ structures: [realStructure, badPostcode, nameNotText] })),
        cache: false,
      },
    });
    const seen: FeedStoreState[] = [];
    store.subscribe((s) => seen.push(s));
    const state = await store.load();
    const preview = seen.find((s) => s.validating);
    // the preview leaves out what a widget could not show (a name that is not text)…
    expect(preview?.feed?.structures.map((s) => s.id)).to.deep.equal([realStructure.id, badPostcode.id]);
    // …the validated feed also drops what the schema rejects, and reports both
    expect(state.feed!.structures.map((s) => s.id)).to.deep.equal([realStructure.id]);
    expect(state.feed!.report.rejections.map((r) => r.id)).to.have.members([badPostcode.id, nameNotText.id]);
    expect(store.search.getState().result.total).to.equal(1);
    expect(store.structure(badPostcode.id)).to.equal(undefined);
  });

  it('a manifest that fails the whole validation withdraws the preview and shows the error', async () => {
    const m = { ...manifest({ structures: [realStructure] }), title: '' };
    const store = createFeedStore({ feed: URL_, clientOptions: { fetch: serve(m), cache: false } });
    const seen: FeedStoreState[] = [];
    store.subscribe((s) => seen.push(s));
    const state = await store.load();
    expect(seen.some((s) => s.validating)).to.equal(true);
    expect(state.status).to.equal('error');
    expect(state.feed).to.equal(undefined);
    expect(state.error?.code).to.equal('feed-format');
    expect(store.search.getState().result.total).to.equal(0);
  });
});

describe('feed store: search engine on demand', () => {
  it('loads no search engine until something searches, then answers with it', async function () {
    this.timeout(30000);
    const body = JSON.stringify(manifest({ structures: [realStructure] }));
    const store = createFeedStore({
      feed: 'http://essaim.test/feed.json',
      clientOptions: { fetch: async () => new Response(body), cache: false },
      searchOnDemand: true,
    });
    await store.load();
    await new Promise((r) => setTimeout(r, 50));
    // nobody searched: the connector still answers its first page by name, from the feed
    expect(store.search.getState().result.pending).to.equal(true);
    expect(store.search.getState().result.total).to.equal(1);
    let notified = 0;
    store.search.subscribe(() => notified++);
    await new Promise((r) => setTimeout(r, 500));
    expect(store.search.getState().result.pending).to.equal(undefined);
    expect(notified).to.be.greaterThan(0);
    store.search.setText(realStructure.name.split(' ')[0]!);
    expect(store.search.getState().result.total).to.equal(1);
  });
});

describe('feed store: the orientation journey it shares', () => {
  it('lets an app read and follow the wizard another widget set (embedded feed, real parcours)', async function () {
    this.timeout(30000);
    const store = createFeedStore({
      feed: 'http://essaim.test/data/feed/manifest.json',
      clientOptions: { fetch: repoFetch([]), cache: memoryCache() },
    });
    const { feed } = await store.load();
    const parcours = feed!.parcours[0]!;
    expect(parcours, 'the embedded feed has a parcours').to.not.equal(undefined);
    // Another widget (an app's summary) follows the slot before anything is shared.
    const seen: (SharedOrientation | undefined)[] = [];
    store.orientation.subscribe((o) => seen.push(o));
    expect(store.orientation.get()).to.equal(undefined);
    // The wizard shares its connector (what <ess-orientation> does with its own).
    const connector = createOrientation(parcours, {
      structures: feed!.structures,
      services: feed!.services,
      taxonomy: feed!.taxonomy,
    });
    store.orientation.set({ connector });
    expect(seen).to.deep.equal([{ connector }]);
    const shared = store.orientation.get()!.connector;
    const states: string[] = [];
    shared.subscribe((s) => states.push(s.step?.id ?? 'results'));
    const first = shared.getState().step!;
    const option = first.options![0]!;
    connector.answer(first.id, first.kind === 'multiple' ? [option.id] : option.id);
    expect(shared.getState().answers[first.id]).to.deep.equal(
      first.kind === 'multiple' ? [option.id] : option.id,
    );
    expect(states).to.have.length(1);
    expect(states[0]).to.not.equal(first.id);
    // The wizard leaves: the slot is emptied and the followers hear it.
    store.orientation.set(undefined);
    expect(seen).to.deep.equal([{ connector }, undefined]);
    store.dispose();
  });
});
