/**
 * `pnpm bench national`: can a browser search a national feed of 1,000,000 structures from static files?
 *
 * 1. A SYNTHETIC feed (scripts/bench/feed-build.ts: the real Transiscope records cycled over every
 *    commune of France, built by the real `essaim build`, sharded by département, with its static search
 *    index when the SDK has one), in one temporary folder reused between runs (deleted at the end unless
 *    `--keep`). `--count` to go smaller.
 * 2. The exact figures, computed in Node by the in-memory engine on the same records (a child process
 *    with a large heap: national-reference.ts).
 * 3. A static host on 127.0.0.1 (HTTP/2 over TLS, or HTTP/1.1) with gzip and Cache-Control (national-server.ts) and Chromium with a
 *    throttled network (national-browser.ts), for each path:
 *    - the static index: a national session (first query, then a new word, a typo, a facet, a
 *      département, a radius, a page 2), each step's bytes, time, longest task and exactness;
 *    - today's in-memory page (the page store) on a scope of about a tenth of the feed (1M cannot load
 *      in a browser: ~4 GB of heap), its figures extrapolated to the whole feed;
 *    - a département embed (median département), in memory (today) and from the static index;
 *    - Orama with a persisted index (national-orama.ts) on the same records as the in-memory peer.
 *
 *   pnpm bench national                      (via scripts/bench.ts; ESSAIM_BENCH_COUNT to go smaller)
 *   tsx scripts/bench/national.ts [--count 100000] [--keep] [--dir /tmp/x] [--no-orama] [--static-only] [--http1]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Structure } from '../../packages/sdk/src/schema/structure.ts';
import { benchFeedBuild } from './feed-build.ts';
import { NETWORK, launch, openPage } from './national-browser.ts';
import type {
  IndexAnswer,
  IndexJob,
  OramaAnswer,
  OramaJob,
  ReferenceAnswer,
  ReferenceJob,
} from './national-reference.ts';
import { printNational, type NationalRun } from './national-report.ts';
import { type PageEntry, bundlePages, pageHtml, serveStatic } from './national-server.ts';
import { sessionSpecs } from './national-session.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface NationalOptions {
  count?: number;
  /** The feed's folder (reused when it holds a feed of `count` structures). */
  dir?: string;
  /** Keep the folder at the end (default: deleted). */
  keep?: boolean;
  orama?: boolean;
  /** Serve over HTTP/1.1 (default HTTP/2 over TLS, as static hosts do). */
  http1?: boolean;
  /** Run the in-memory peer on a tenth of the feed (default true; the embed runs anyway). */
  memoryPeer?: boolean;
  /** Records of the in-memory and Orama peers (default a tenth of `count`, whole départements). */
  peerRecords?: number;
  log?: (line: string) => void;
}

/** Whether the SDK has the static index (`@essaim/sdk/static-index`). */
const hasStaticIndex = () => existsSync(join(ROOT, 'packages/sdk/src/static-index/index.ts'));
/** Whether `essaim build` writes it (`index: true` in the config). */
async function buildWritesIndex(): Promise<boolean> {
  const stage = join(ROOT, 'packages/cli/src/build/stages/search-index.ts');
  return existsSync(stage);
}

interface Shard {
  key: string;
  url: string;
  count: number;
}
interface BuiltManifest {
  parts: { structures: { count?: number; shards?: Shard[] } };
  searchIndex?: { url: string };
}

async function readManifest(feedDir: string): Promise<BuiltManifest | undefined> {
  const file = join(feedDir, 'manifest.json');
  return existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : undefined;
}
/** A hash of the static index's source: the index the bench wrote is written again when it changes. */
async function staticIndexSource(): Promise<string> {
  const dir = join(ROOT, 'packages/sdk/src/static-index');
  const hash = createHash('sha256');
  for (const f of (await readdir(dir)).sort()) hash.update(f).update(await readFile(join(dir, f)));
  return hash.digest('hex');
}

/** Runs a national-reference.ts command in a child with a large heap; returns its answer. */
async function child<T, J extends { out: string } = { out: string }>(
  command: string,
  job: J,
  heapMiB: number,
): Promise<T> {
  const jobFile = `${job.out}.job.json`;
  await writeFile(jobFile, JSON.stringify(job));
  const p = spawn(
    process.execPath,
    [
      `--max-old-space-size=${heapMiB}`,
      '--import',
      'tsx',
      join(ROOT, 'scripts/bench/national-reference.ts'),
      command,
      jobFile,
    ],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const [code] = (await once(p, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`national-reference.ts ${command} failed (exit code ${code})`);
  return JSON.parse(await readFile(job.out, 'utf8')) as T;
}

/** The départements from `start` on (manifest order, wrapping) until they hold `records` structures. */
function scopeFrom(
  shards: readonly Shard[],
  start: string,
  records: number,
): { keys: string[]; records: number } {
  const at = shards.findIndex((s) => s.key === start);
  const keys: string[] = [];
  let n = 0;
  for (let i = 0; i < shards.length && n < records; i++) {
    const s = shards[(at + i) % shards.length]!;
    keys.push(s.key);
    n += s.count;
  }
  return { keys, records: n };
}

export async function benchNational(options: NationalOptions = {}): Promise<NationalRun> {
  const log = options.log ?? ((l: string) => console.log(l));
  const count = options.count ?? Number(process.env.ESSAIM_BENCH_COUNT ?? 1_000_000);
  const dir = options.dir ?? process.env.ESSAIM_NATIONAL_DIR ?? join(tmpdir(), `essaim-national-${count}`);
  const feedDir = join(dir, 'feed');
  const withIndex = hasStaticIndex();
  const buildIndex = withIndex && (await buildWritesIndex());
  const work = await mkdtemp(join(tmpdir(), 'essaim-national-run-'));
  let closeAll = async () => {};
  try {
    // 1. The synthetic feed, built once and reused.
    let manifest = await readManifest(feedDir);
    // What was built: the count asked (the build merges a few duplicates) and the index code it used.
    const stamp = join(dir, 'national-bench.json');
    const built = existsSync(stamp)
      ? (JSON.parse(await readFile(stamp, 'utf8')) as { count: number; index?: string })
      : undefined;
    const indexSource = buildIndex ? await staticIndexSource() : undefined;
    if (
      !manifest ||
      built?.count !== count ||
      (buildIndex && (!manifest.searchIndex || built.index !== indexSource))
    ) {
      log(`Building the SYNTHETIC feed of ${count.toLocaleString('en')} structures in ${dir} (minutes)…`);
      await rm(dir, { recursive: true, force: true });
      await benchFeedBuild({ count, dir, index: buildIndex, log });
      await writeFile(stamp, JSON.stringify({ count, index: indexSource }));
      manifest = (await readManifest(feedDir))!;
    } else log(`Reusing the SYNTHETIC feed of ${count.toLocaleString('en')} structures in ${dir}`);
    if (!withIndex) log('No @essaim/sdk/static-index in this tree yet: the static index path is skipped.');
    let indexUrl = `/feed/${manifest.searchIndex?.url ?? 'index/index.json'}`;
    if (withIndex && !manifest.searchIndex) {
      // The build does not write the index yet: the SDK's writeStaticIndex does, once, beside the feed.
      indexUrl = '/feed/bench-index/index.json';
      const source = await staticIndexSource();
      const sourceFile = join(feedDir, 'bench-index/source.sha256');
      const written = existsSync(sourceFile) ? await readFile(sourceFile, 'utf8') : undefined;
      if (written !== source || !existsSync(join(feedDir, 'bench-index/index.json'))) {
        await rm(join(feedDir, 'bench-index'), { recursive: true, force: true });
        log('Writing the static search index (writeStaticIndex; the build does not write it yet)…');
        const a = await child<IndexAnswer, IndexJob>(
          'index',
          { feedDir, dir: join(feedDir, 'bench-index'), out: join(work, 'index.json') } satisfies IndexJob,
          16_384,
        );
        log(
          `  ${a.records.toLocaleString('en')} records indexed in ${a.seconds.toFixed(1)} s (${a.files} files)`,
        );
        await writeFile(sourceFile, source);
      }
    }
    const shards = [...(manifest.parts.structures.shards ?? [])];
    const bySize = [...shards].sort((a, b) => a.count - b.count);
    const median = bySize[Math.floor(bySize.length / 2)]!;
    const medianRecords = JSON.parse(await readFile(join(feedDir, median.url), 'utf8')) as Structure[];
    const located = medianRecords.filter((s) => s.geo);
    const centre = {
      lat: Number((located.reduce((n, s) => n + s.geo!.lat, 0) / located.length).toFixed(4)),
      lon: Number((located.reduce((n, s) => n + s.geo!.lon, 0) / located.length).toFixed(4)),
    };
    const peer = scopeFrom(shards, median.key, options.peerRecords ?? Math.round(count / 10));
    const specs = sessionSpecs(median.key, centre);

    // 2. The exact figures, in Node.
    log(
      `Computing the exact results in Node (in-memory engine on the same ${count.toLocaleString('en')} records)…`,
    );
    const reference = await child<ReferenceAnswer, ReferenceJob>(
      'reference',
      {
        feedDir,
        out: join(work, 'reference.json'),
        steps: specs,
        scopes: { embed: [median.key], peer: peer.keys },
      } satisfies ReferenceJob,
      16_384,
    );
    const queries = reference.steps.map((s) => s.query);
    let orama: (OramaAnswer & { departements: string[] }) | undefined;
    const oramaFile = join(work, 'orama.json');
    if (options.orama !== false) {
      for (const departements of [peer.keys, [median.key]]) {
        try {
          log(`Building and persisting the Orama database of départements ${departements.join(', ')}…`);
          const a = await child<OramaAnswer, OramaJob>(
            'orama',
            {
              feedDir,
              departements,
              file: oramaFile,
              out: join(work, 'orama-answer.json'),
              queries,
            } satisfies OramaJob,
            16_384,
          );
          orama = { ...a, departements };
          break;
        } catch (error) {
          log(`Orama could not take départements ${departements.join(', ')}: ${(error as Error).message}`);
        }
      }
    }

    // 3. The pages.
    const entries: PageEntry[] = [
      'memory',
      ...(withIndex ? (['static'] as const) : []),
      ...(orama ? (['orama'] as const) : []),
    ];
    await bundlePages(join(work, 'js'), entries);
    const host = await serveStatic(
      { '/feed/': feedDir, '/js/': join(work, 'js'), '/orama/': work },
      { http1: options.http1 === true },
    );
    const browser = await launch(host.browserArgs);
    closeAll = async () => {
      await browser.close();
      host.close();
    };
    const run: NationalRun = {
      count,
      network: NETWORK,
      protocol: host.protocol,
      reference,
      median: { key: median.key, records: median.count },
      peer,
      centre,
      steps: [],
      embed: {},
      orama: orama ? { ...orama, steps: [] } : undefined,
    };
    const session = async (page: string, config: Record<string, unknown>, script: PageEntry) =>
      openPage(browser, host.page(page, pageHtml(`/js/${script}.js`, config)));

    if (withIndex) {
      log('Static index: national session…');
      const s = await session('static', { url: indexUrl, query: queries[0] }, 'static');
      run.steps.push({ name: reference.steps[0]!.name, kind: 'first', static: s.first });
      for (let i = 1; i < queries.length; i++)
        run.steps.push({
          name: reference.steps[i]!.name,
          kind: 'further',
          static: await s.step(queries[i]!),
        });
      await s.close();
      log('Static index: département embed…');
      const e = await session(
        'static-embed',
        { url: indexUrl, query: { ...queries[0], territory: { departements: [median.key] } } },
        'static',
      );
      run.embed.static = e.first;
      await e.close();
    } else
      for (const [i, s] of reference.steps.entries())
        run.steps.push({ name: s.name, kind: i === 0 ? 'first' : 'further' });

    log('In-memory engine (today): département embed…');
    const m = await session(
      'memory-embed',
      { feed: '/feed/manifest.json', scope: { departements: [median.key] }, query: queries[0] },
      'memory',
    );
    run.embed.memory = m.first;
    await m.close();
    if (options.memoryPeer !== false) {
      log(
        `In-memory engine (today): ${peer.records.toLocaleString('en')} structures (${peer.keys.length} départements)…`,
      );
      const p = await session(
        'memory-peer',
        { feed: '/feed/manifest.json', scope: { departements: peer.keys }, query: queries[0] },
        'memory',
      );
      run.memoryPeer = [p.first];
      for (let i = 1; i < queries.length; i++) run.memoryPeer.push(await p.step(queries[i]!));
      await p.close();
    }
    if (orama && run.orama) {
      log(`Orama: restore ${orama.records.toLocaleString('en')} structures and query…`);
      const o = await session('orama', { url: '/orama/orama.json', query: queries[0] }, 'orama');
      run.orama.steps.push(o.first);
      for (let i = 1; i < queries.length; i++) run.orama.steps.push(await o.step(queries[i]!));
      await o.close();
    }
    printNational(run, log);
    return run;
  } finally {
    await closeAll();
    await rm(work, { recursive: true, force: true });
    if (options.keep) log(`Kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

// Run directly: tsx scripts/bench/national.ts [--count N] [--keep] [--dir D] [--no-orama]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  await benchNational({
    ...(value('--count') ? { count: Number(value('--count')) } : {}),
    ...(value('--dir') ? { dir: value('--dir')! } : {}),
    ...(value('--peer') ? { peerRecords: Number(value('--peer')) } : {}),
    keep: args.includes('--keep'),
    orama: !args.includes('--no-orama') && !args.includes('--static-only'),
    memoryPeer: !args.includes('--static-only'),
    http1: args.includes('--http1'),
  });
}
