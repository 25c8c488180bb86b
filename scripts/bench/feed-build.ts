/**
 * Bench of `essaim build` at scale: a synthetic feed of 1,000,000 structures (by default) built, sharded by
 * département, on this machine; prints the time, the peak memory and the output sizes.
 *
 * The input is made from the real Transiscope structures (data/sources/transiscope-idf, imported by the
 * real gogocarto importer): cycled with new ids `synthetic--<n>`, each copy moved to a commune drawn at
 * random among the ~35,000 of the La Poste file (data/sources/communes), with ~1 km of jitter, so every
 * département gets its share and shards are meaningful. Every record says it is synthetic (its
 * provenance, a keyword). Deterministic (seeded). Written as JSON Lines in a temporary folder (never in
 * the repository) and read by the build's built-in streaming `essaim` importer.
 *
 * The build runs in a child process (the real CLI), so its peak memory (maxRSS) is the build's alone.
 *
 *   pnpm bench feed                                   (via scripts/bench.ts)
 *   tsx scripts/bench/feed-build.ts [--count 200000] [--no-shard] [--validate] [--keep]
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import type { Structure } from '../../packages/sdk/src/schema/structure.ts';
import { prng } from './synthetic.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface FeedBuildBenchOptions {
  /** Number of synthetic structures (default 1,000,000, or $ESSAIM_BENCH_COUNT). */
  count?: number;
  /** Shard the output by département (default true). */
  shard?: boolean;
  /** Also time `essaim validate` on the output (default false). */
  validate?: boolean;
  /** Keep the temporary folder (default false: deleted at the end). */
  keep?: boolean;
  /** Where to print (default console.log). */
  log?: (line: string) => void;
  seed?: number;
  /** Real structures in the feed shape to start from (default: data/feed/structures.json, else built now). */
  base?: string;
  /** Work in this folder (created if missing) instead of a new temporary one; it is then never deleted. */
  dir?: string;
  /** Also write the static search index beside the feed (`index: true` in the build's config). */
  index?: boolean;
}

export interface FeedBuildBenchResult {
  count: number;
  dir: string;
  inputBytes: number;
  generateSeconds: number;
  buildSeconds: number;
  /** Peak resident memory of the build process, in MiB. */
  buildPeakMiB: number;
  validateSeconds?: number;
  validatePeakMiB?: number;
  output: {
    files: number;
    bytes: number;
    manifestBytes: number;
    structures: number;
    merged: number;
    shards?: {
      count: number;
      largest: { key: string; records: number; bytes: number; gzipBytes: number };
      median: number;
    };
  };
}

const licence = {
  id: 'ODbL-1.0',
  name: 'Open Database License 1.0',
  url: 'https://opendatacommons.org/licenses/odbl/1-0/',
};

interface Commune {
  insee: string;
  name: string;
  postcode: string;
  lat: number;
  lon: number;
}

/** Communes with coordinates from the La Poste file (one row per INSEE code). */
async function readCommunes(): Promise<Commune[]> {
  const text = await readFile(join(ROOT, 'data/sources/communes/laposte_hexasmal.csv'), 'utf8');
  const byInsee = new Map<string, Commune>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [insee, name, postcode, , , gps] = line.split(';');
    if (!insee || !gps || byInsee.has(insee)) continue;
    const [lat, lon] = gps.split(',').map(Number);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    byInsee.set(insee, { insee, name: name!, postcode: postcode!, lat: lat!, lon: lon! });
  }
  return [...byInsee.values()];
}

const departementOf = (insee: string) => (insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2));

/** Runs the CLI in a child process (paths in `args` absolute); returns its exit code, time, peak memory and stdout. */
async function runCli(
  args: string[],
): Promise<{ code: number; seconds: number; peakMiB: number; stdout: string }> {
  // The child prints its own maxRSS (KiB on Linux) after the command, on a line of its own.
  const script = `const { main } = await import(${JSON.stringify(`file://${join(ROOT, 'packages/cli/src/cli.ts')}`)});
const code = await main(${JSON.stringify(args)});
process.stdout.write('\\n@@maxRSS ' + process.resourceUsage().maxRSS + '\\n');
process.exitCode = code;`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT, // where tsx resolves
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env },
  });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (t: string) => (stdout += t));
  const [code] = (await once(child, 'exit')) as [number];
  const seconds = (performance.now() - started) / 1000;
  const rss = /@@maxRSS (\d+)/.exec(stdout);
  return {
    code,
    seconds,
    peakMiB: rss ? Number(rss[1]) / 1024 : Number.NaN,
    stdout: stdout.replace(/\n@@maxRSS \d+\n$/, ''),
  };
}

/** The real Transiscope structures in the feed's shape: the embedded feed if built, else built now. */
async function realStructures(tmp: string, log: (l: string) => void, base?: string): Promise<Structure[]> {
  const embedded = base ?? join(ROOT, 'data/feed/structures.json');
  if (existsSync(embedded)) return JSON.parse(await readFile(embedded, 'utf8')) as Structure[];
  log('data/feed/structures.json absent: importing the Transiscope file first…');
  const config = JSON.parse(await readFile(join(ROOT, 'data/essaim.config.json'), 'utf8'));
  config.sources = config.sources
    .filter((s: { type: string }) => s.type === 'gogocarto')
    .map((s: { path: string; options?: { taxonomy?: string } }) => ({
      ...s,
      path: join(ROOT, 'data', s.path),
      options: {
        ...s.options,
        ...(s.options?.taxonomy ? { taxonomy: join(ROOT, 'data', s.options.taxonomy) } : {}),
      },
    }));
  config.taxonomy = join(ROOT, 'data', config.taxonomy);
  delete config.parcours;
  config.output = 'base';
  await writeFile(join(tmp, 'base.config.json'), JSON.stringify(config));
  const r = await runCli(['build', '--quiet', '--config', join(tmp, 'base.config.json')]);
  if (r.code !== 0) throw new Error(`building the Transiscope base failed (exit code ${r.code})`);
  return JSON.parse(await readFile(join(tmp, 'base/structures.json'), 'utf8')) as Structure[];
}

/** Writes `count` synthetic structures as JSON Lines; returns the bytes written. */
async function writeSynthetic(
  file: string,
  real: Structure[],
  communes: Commune[],
  count: number,
  seed: number,
): Promise<number> {
  const random = prng(seed);
  const out = createWriteStream(file);
  let bytes = 0;
  let batch = '';
  for (let i = 0; i < count; i++) {
    const base = real[i % real.length]!;
    const c = communes[Math.floor(random() * communes.length)]!;
    const s: Structure = {
      ...base,
      id: `synthetic--${i}`,
      keywords: [...(base.keywords ?? []), 'synthétique'],
      address: {
        ...(base.address?.street ? { street: base.address.street } : {}),
        postcode: c.postcode,
        commune: c.name,
        cog: { commune: c.insee, departement: departementOf(c.insee) },
        country: 'FR',
      },
      // ~1 km of jitter around the commune's centre.
      geo: {
        lat: Number((c.lat + (random() - 0.5) * 0.018).toFixed(6)),
        lon: Number((c.lon + (random() - 0.5) * 0.026).toFixed(6)),
      },
      provenance: [
        {
          source: 'synthetic',
          name: `Synthétique, d’après ${base.provenance[0]?.name ?? 'Transiscope'} ${base.provenance[0]?.localId ?? ''}`.trim(),
          localId: String(i),
        },
      ],
    };
    delete s.alternateNames;
    batch += `${JSON.stringify(s)}\n`;
    if (batch.length > 1 << 20) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  bytes += Buffer.byteLength(batch);
  out.end(batch);
  await once(out, 'finish');
  return bytes;
}

async function gzipSize(file: string): Promise<number> {
  let n = 0;
  const gz = createReadStream(file).pipe(createGzip({ level: 6 }));
  for await (const chunk of gz) n += (chunk as Buffer).length;
  return n;
}

async function walk(dir: string): Promise<Array<{ path: string; bytes: number }>> {
  const out: Array<{ path: string; bytes: number }> = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push({ path: p, bytes: (await stat(p)).size });
  }
  return out;
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

/** The `feed` section of `pnpm bench`: generates, builds (and optionally validates), prints the figures. */
export async function benchFeedBuild(options: FeedBuildBenchOptions = {}): Promise<FeedBuildBenchResult> {
  const log = options.log ?? ((l: string) => console.log(l));
  const count = options.count ?? Number(process.env.ESSAIM_BENCH_COUNT ?? 1_000_000);
  const shard = options.shard ?? true;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'essaim-bench-feed-')));
  if (options.dir) await mkdir(options.dir, { recursive: true });
  try {
    const t0 = performance.now();
    const [real, communes] = await Promise.all([
      realStructures(dir, log, options.base ?? process.env.ESSAIM_BENCH_BASE),
      readCommunes(),
    ]);
    const inputBytes = await writeSynthetic(
      join(dir, 'structures.jsonl'),
      real,
      communes,
      count,
      options.seed ?? 42,
    );
    await copyFile(join(ROOT, 'data/taxonomy/essaim.taxonomy.json'), join(dir, 'taxonomy.json'));
    const config = {
      feed: {
        id: 'essaim-synthetic',
        title: `Essaim — flux SYNTHÉTIQUE de ${count.toLocaleString('fr-FR')} structures (banc d’essai, ne pas publier)`,
        description:
          'Structures fictives faites à partir des structures réelles de Transiscope, déplacées au hasard dans toute la France.',
        publisher: { name: 'Essaim (banc d’essai)' },
        licence,
        attribution: 'Données synthétiques dérivées de Transiscope (ODbL 1.0)',
        updated: '2026-11-01',
      },
      sources: [
        {
          id: 'synthetic',
          type: 'essaim',
          path: 'structures.jsonl',
          name: 'Synthétique (d’après Transiscope)',
          licence,
          attribution: '© les contributeurs de Transiscope (ODbL 1.0), données déplacées et dupliquées',
        },
      ],
      taxonomy: 'taxonomy.json',
      output: 'feed',
      ...(shard ? { shard: { by: 'departement' } } : {}),
      ...(options.index ? { index: true } : {}),
    };
    await writeFile(join(dir, 'essaim.config.json'), JSON.stringify(config, null, 2));
    const generateSeconds = (performance.now() - t0) / 1000;
    log(
      `Input: ${count.toLocaleString('en')} synthetic structures, ${mib(inputBytes)} of JSON Lines, generated in ${generateSeconds.toFixed(1)} s (${dir})`,
    );

    const build = await runCli(['build', '--config', join(dir, 'essaim.config.json'), '--json']);
    if (build.code !== 0) throw new Error(`essaim build failed (exit code ${build.code})`);
    const report = JSON.parse(build.stdout) as {
      totals: { received: number; accepted: number; merged: number; rejected: number };
      output: { structures: { count: number; shards?: Record<string, number> } };
    };
    const files = await walk(join(dir, 'feed'));
    const bytes = files.reduce((n, f) => n + f.bytes, 0);
    const manifestBytes = files.find((f) => f.path.endsWith('/manifest.json'))!.bytes;
    const result: FeedBuildBenchResult = {
      count,
      dir,
      inputBytes,
      generateSeconds,
      buildSeconds: build.seconds,
      buildPeakMiB: build.peakMiB,
      output: {
        files: files.length,
        bytes,
        manifestBytes,
        structures: report.output.structures.count,
        merged: report.totals.merged,
      },
    };
    log(
      `Build: ${build.seconds.toFixed(1)} s, peak memory (maxRSS) ${build.peakMiB.toFixed(0)} MiB — received ${report.totals.received.toLocaleString('en')}, accepted ${report.totals.accepted.toLocaleString('en')}, merged ${report.totals.merged.toLocaleString('en')}, rejected ${report.totals.rejected.toLocaleString('en')}`,
    );
    const shards = report.output.structures.shards;
    if (shards) {
      const entries = Object.entries(shards).sort((a, b) => b[1] - a[1]);
      const [key, records] = entries[0]!;
      const file = join(dir, 'feed/structures', `${key}.json`);
      const largest = { key, records, bytes: (await stat(file)).size, gzipBytes: await gzipSize(file) };
      const median = entries[Math.floor(entries.length / 2)]![1];
      result.output.shards = { count: entries.length, largest, median };
      log(
        `Output: ${files.length} files, ${mib(bytes)}; manifest ${(manifestBytes / 1024).toFixed(1)} KiB; ${entries.length} structure shards, median ${median.toLocaleString('en')} records, largest ${key} ${records.toLocaleString('en')} records ${mib(largest.bytes)} (${mib(largest.gzipBytes)} gzipped)`,
      );
    } else
      log(`Output: ${files.length} files, ${mib(bytes)}; manifest ${(manifestBytes / 1024).toFixed(1)} KiB`);

    if (options.validate) {
      const v = await runCli(['validate', join(dir, 'feed'), '--quiet']);
      result.validateSeconds = v.seconds;
      result.validatePeakMiB = v.peakMiB;
      log(
        `Validate: ${v.seconds.toFixed(1)} s, peak memory ${v.peakMiB.toFixed(0)} MiB, exit code ${v.code}`,
      );
    }
    return result;
  } finally {
    if (options.keep || options.dir) log(`Kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

// Run directly: tsx scripts/bench/feed-build.ts [--count N] [--no-shard] [--validate] [--keep]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--count');
  await benchFeedBuild({
    ...(at >= 0 ? { count: Number(args[at + 1]) } : {}),
    shard: !args.includes('--no-shard'),
    validate: args.includes('--validate'),
    keep: args.includes('--keep'),
  });
}
