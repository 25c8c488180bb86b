/**
 * The Node side of `pnpm bench national`, run in a child process with a large heap (so the 1M records
 * and their in-memory index stay out of the benchmark's own process):
 *
 * - `index <job.json>`: writes the static search index of the feed's structures (`writeStaticIndex`,
 *   labels from the taxonomy) into a folder, when the build did not write one;
 * - `reference <job.json>`: loads every structure of the built feed (manifest order, every shard), builds
 *   the in-memory index (`createSearchIndex`, labels from the feed's taxonomy, as the page store does),
 *   runs the session's queries and writes their summaries: the exact figures the browser's results are
 *   compared with;
 * - `orama <job.json>`: builds an Orama database of the structures of the given départements and
 *   persists it (JSON) to a file, for the browser to restore.
 *
 * The job file says where the feed is, what to run and where to write the answer (JSON).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { persist } from '@orama/plugin-data-persistence';
import { createSearchIndex, search } from '../../packages/sdk/src/search/index.ts';
import type { SearchQuery } from '../../packages/sdk/src/search/types.ts';
import type { Structure } from '../../packages/sdk/src/schema/structure.ts';
import { createOramaDatabase, oramaSearch } from './national-orama.ts';
import { type ResultSummary, type StepSpec, resolveStep, summarise } from './national-session.ts';

export interface ReferenceJob {
  feedDir: string;
  out: string;
  /** The session's steps (national). */
  steps: StepSpec[];
  /** Scopes (name → départements) in which every resolved step runs again, with `territory` added. */
  scopes: Record<string, string[]>;
}
export interface ReferenceAnswer {
  records: number;
  loadSeconds: number;
  indexSeconds: number;
  heapMiB: number;
  steps: Array<{ name: string; query: SearchQuery; summary: ResultSummary; ms: number }>;
  scoped: Record<string, ResultSummary[]>;
}
export interface IndexJob {
  feedDir: string;
  dir: string;
  out: string;
}
export interface IndexAnswer {
  records: number;
  seconds: number;
  files: number;
}
export interface OramaJob {
  feedDir: string;
  departements: string[];
  file: string;
  out: string;
  /** Queries run in Node after the build (their Orama totals, for information). */
  queries: SearchQuery[];
}
export interface OramaAnswer {
  records: number;
  insertSeconds: number;
  persistSeconds: number;
  bytes: number;
  totals: number[];
}

interface Manifest {
  parts: {
    structures: { url?: string; shards?: Array<{ key: string; url: string }> };
    taxonomy: { url: string };
  };
}

/** The feed's structures (of some départements, or all) and its concept labels. */
export async function loadFeed(
  feedDir: string,
  departements?: readonly string[],
): Promise<{ structures: Structure[]; labels: (id: string) => string | undefined }> {
  const manifest = JSON.parse(await readFile(join(feedDir, 'manifest.json'), 'utf8')) as Manifest;
  const part = manifest.parts.structures;
  const files = part.shards
    ? part.shards.filter((s) => !departements || departements.includes(s.key)).map((s) => s.url)
    : [part.url!];
  const structures: Structure[] = [];
  for (const file of files)
    for (const s of JSON.parse(await readFile(join(feedDir, file), 'utf8')) as Structure[])
      structures.push(s);
  const taxonomy = JSON.parse(await readFile(join(feedDir, manifest.parts.taxonomy.url), 'utf8')) as {
    concepts: Array<{ id: string; label: { fr: string } }>;
  };
  const byId = new Map(taxonomy.concepts.map((c) => [c.id, c.label.fr]));
  return { structures, labels: (id) => byId.get(id) };
}

async function reference(job: ReferenceJob): Promise<ReferenceAnswer> {
  let t = performance.now();
  const { structures, labels } = await loadFeed(job.feedDir);
  const loadSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const index = createSearchIndex(structures, { labels });
  const indexSeconds = (performance.now() - t) / 1000;
  const steps: ReferenceAnswer['steps'] = [];
  for (const spec of job.steps) {
    const query = resolveStep(spec, steps.at(-1)?.summary);
    const started = performance.now();
    const summary = summarise(search(index, query));
    steps.push({ name: spec.name, query, summary, ms: performance.now() - started });
  }
  const scoped: ReferenceAnswer['scoped'] = {};
  for (const [name, departements] of Object.entries(job.scopes))
    scoped[name] = steps.map((s) => summarise(search(index, { ...s.query, territory: { departements } })));
  return {
    records: structures.length,
    loadSeconds,
    indexSeconds,
    heapMiB: process.memoryUsage().heapUsed / 1048576,
    steps,
    scoped,
  };
}

async function orama(job: OramaJob): Promise<OramaAnswer> {
  const { structures, labels } = await loadFeed(job.feedDir, job.departements);
  let t = performance.now();
  const db = await createOramaDatabase(structures, labels);
  const insertSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const data = (await persist(db, 'json')) as string;
  await writeFile(job.file, data);
  const persistSeconds = (performance.now() - t) / 1000;
  const totals: number[] = [];
  for (const q of job.queries) totals.push((await oramaSearch(db, q)).total);
  return {
    records: structures.length,
    insertSeconds,
    persistSeconds,
    bytes: Buffer.byteLength(data),
    totals,
  };
}

async function index(job: IndexJob): Promise<IndexAnswer> {
  const { writeStaticIndex } = await import('../../packages/sdk/src/static-index/index.ts');
  const { structures, labels } = await loadFeed(job.feedDir);
  const t = performance.now();
  const manifest = (await writeStaticIndex(structures, job.dir, { labels })) as unknown as {
    files?: unknown[] | Record<string, unknown>;
  };
  const files = manifest.files ? Object.keys(manifest.files).length : 0;
  return { records: structures.length, seconds: (performance.now() - t) / 1000, files };
}

const COMMANDS = { reference, orama, index } as Record<string, (job: never) => Promise<unknown>>;
const [command, jobFile] = process.argv.slice(2);
if (command && COMMANDS[command]) {
  const job = JSON.parse(await readFile(jobFile!, 'utf8'));
  const answer = await COMMANDS[command]!(job as never);
  await writeFile(job.out, JSON.stringify(answer));
}
