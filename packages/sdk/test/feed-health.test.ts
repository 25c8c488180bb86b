/**
 * What a widget tells its visitor when a part of the feed fails (issue 13): `feedHealth` names the
 * failure of the parts it needs (never an empty result), tells an old copy from a missing part and an
 * offline browser from a bad file, and the store retries by itself until the feed recovers. On the
 * embedded feed (data/feed/, real Transiscope and OpenAgenda records) served by a fetch that fails on
 * demand.
 */
import { expect } from 'chai';
import {
  createFeedStore,
  type FeedStore,
  type FeedStoreState,
  failureKind,
  feedHealth,
  FeedHttpError,
  FeedNetworkError,
  FeedFormatError,
  FeedTimeoutError,
  memoryCache,
} from '../src/index.ts';
import { readRepoText } from './helpers/files.ts';

const MANIFEST = 'http://essaim.test/data/feed/manifest.json';
type Fault = (path: string) => Response | 'offline' | undefined;

/** The repository's data/feed/ as a web server; `fault` answers instead for the paths it wants. */
function serve(fault: { current: Fault }, log: string[] = []): typeof fetch {
  return async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    log.push(url.pathname);
    const answer = fault.current(url.pathname);
    if (answer === 'offline') throw new TypeError('Failed to fetch');
    if (answer) return answer;
    try {
      return new Response(await readRepoText(url.pathname.slice(1)), {
        headers: { 'content-type': 'application/json' },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}

const none: Fault = () => undefined;
const on =
  (suffix: string, make: () => Response | 'offline'): Fault =>
  (path) =>
    path.endsWith(suffix) ? make() : undefined;

function until(store: FeedStore, test: (s: FeedStoreState) => boolean, ms = 8000): Promise<FeedStoreState> {
  return new Promise((resolve, reject) => {
    if (test(store.getState())) return resolve(store.getState());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; state: ${JSON.stringify(feedHealth(store.getState(), ['structures']))}`));
    }, ms);
    const off = store.subscribe((s) => {
      if (!test(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

describe('feed health and automatic retries (issue 13)', function () {
  this.timeout(30000);
  const stores: FeedStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.dispose();
  });
  function store(
    fault: { current: Fault },
    extra: Parameters<typeof createFeedStore>[0] = {},
    log?: string[],
  ) {
    const s = createFeedStore({
      feed: MANIFEST,
      clientOptions: { fetch: serve(fault, log), cache: memoryCache(), retry: 0 },
      ...extra,
    });
    stores.push(s);
    return s;
  }

  it('names the failure kinds a visitor can act on', () => {
    expect(failureKind(new FeedHttpError(503))).to.equal('server');
    expect(failureKind(new FeedHttpError(404))).to.equal('server');
    expect(failureKind(new FeedTimeoutError(15000))).to.equal('timeout');
    expect(failureKind(new FeedFormatError('count-mismatch', { expected: 2, actual: 1 }))).to.equal(
      'invalid',
    );
    // Node has no navigator.onLine = false: a network failure while online is "unreachable", not "offline".
    expect(failureKind(new FeedNetworkError())).to.equal('unreachable');
  });

  it('a structures part answering 503 is a named failure of the directory, not an empty result', async () => {
    const s = store({ current: on('/structures.json', () => new Response('busy', { status: 503 })) });
    const state = await s.load();
    expect(state.status).to.equal('ready');
    const directory = feedHealth(state, ['structures', 'taxonomy']);
    expect(directory.status).to.equal('failed');
    expect(directory.kind).to.equal('server');
    expect(directory.parts).to.deep.equal(['structures']);
    // The agenda needs the events only: it is fine.
    expect(feedHealth(state, ['events']).status).to.equal('ok');
  });

  it('an invalid events part keeps the last good copy: stale for the agenda, with the kind "invalid"', async () => {
    const fault = { current: none };
    const s = store(fault);
    await s.load();
    const events = s.getState().feed!.events.length;
    fault.current = on('/events.json', () => Response.json({ error: 'maintenance' }));
    const state = await s.reload();
    const agenda = feedHealth(state, ['events']);
    expect(agenda.status).to.equal('stale');
    expect(agenda.kind, 'never "offline" when the file is merely invalid').to.equal('invalid');
    expect(agenda.fetchedAt).to.be.instanceOf(Date);
    expect(state.feed!.events).to.have.length(events);
  });

  it('counts the rejected records of the parts a widget needs', async () => {
    const structures = JSON.parse(await readRepoText('data/feed/structures.json')) as Record<
      string,
      unknown
    >[];
    const manifest = JSON.parse(await readRepoText('data/feed/manifest.json')) as {
      parts: Record<string, unknown>;
    };
    // Hand-made fault: the first two real records lose their name.
    const broken = structures.map((r, i) => (i < 2 ? { ...r, name: '' } : r));
    manifest.parts.structures = { url: 'structures.json' };
    const fault = {
      current: ((path) =>
        path.endsWith('/manifest.json')
          ? Response.json(manifest)
          : path.endsWith('/structures.json')
            ? Response.json(broken)
            : undefined) as Fault,
    };
    const state = await store(fault).load();
    const health = feedHealth(state, ['structures']);
    expect(health.status).to.equal('ok');
    expect(health.rejected).to.equal(2);
    expect(state.feed!.structures).to.have.length(structures.length - 2);
  });

  it('retries by itself with backoff and recovers without a reload (503, then 200)', async () => {
    let failures = 3;
    const log: string[] = [];
    const fault = {
      current: on('/structures.json', () =>
        failures-- > 0 ? new Response('busy', { status: 503 }) : 'offline',
      ) as Fault,
    };
    const s = store(fault, { autoRetry: { initialDelay: 20, maxDelay: 200 } }, log);
    const first = await s.load();
    expect(feedHealth(first, ['structures']).status).to.equal('failed');
    // After three 503s, the server is back: the failure goes away on its own.
    const wait = until(s, (st) => feedHealth(st, ['structures']).status === 'ok' && !st.retrying);
    setTimeout(() => (fault.current = none), 150);
    const recovered = await wait;
    expect(recovered.feed!.structures.length).to.be.greaterThan(1000);
    expect(log.filter((p) => p.endsWith('/structures.json')).length).to.be.greaterThan(2);
  });

  it('retries a manifest that failed with nothing to show, then stops once it loaded', async () => {
    const fault = { current: on('/manifest.json', () => new Response('<h1>502</h1>', { status: 502 })) };
    const log: string[] = [];
    const s = store(fault, { autoRetry: { initialDelay: 20, maxDelay: 50 } }, log);
    expect((await s.load()).status).to.equal('error');
    fault.current = none;
    await until(s, (st) => st.status === 'ready' && feedHealth(st, ['structures']).status === 'ok');
    const count = log.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(log.length, 'no more requests once recovered').to.equal(count);
  });
});
