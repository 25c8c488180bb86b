/**
 * Search index stage (`index: true` in the config, or `--index`): the static search index of the
 * structures (`@essaim/sdk/static-index`), written to `index/` beside the parts, for searching a large
 * feed from a browser without downloading it. Records are indexed as written (already validated); concept
 * labels are the taxonomy's French ones, as the widgets search them.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Structure, Taxonomy } from '@essaim/sdk';
import { STATIC_INDEX_VERSION, writeStaticIndex } from '@essaim/sdk/static-index';
import type { Progress } from '../../progress.ts';
import type { Spool } from '../spool.ts';
import type { ImportState } from './import.ts';
import type { FeedOutput } from './write.ts';

/** The manifest's `searchIndex`. */
export interface SearchIndexPart {
  url: string;
  version: number;
  count: number;
  sha256: string;
  files: number;
  bytes: number;
}

export async function writeSearchIndex(input: {
  out: FeedOutput;
  state: ImportState;
  spool: Spool;
  taxonomy: Taxonomy;
  progress: Progress;
  fr: boolean;
}): Promise<SearchIndexPart> {
  const { out, state, spool, taxonomy, progress, fr } = input;
  const S = state.index.structures;
  const task = progress.start(fr ? 'Index de recherche' : 'Search index', S.size);
  const structures = S.liveInIdOrder().map((i) => S.read<Structure>(spool, i));
  const labels = new Map(taxonomy.concepts.map((c) => [c.id, c.label.fr]));
  const dir = join(out.dir, 'index');
  const manifest = await writeStaticIndex(structures, dir, { labels: (id) => labels.get(id) });
  // Every file of the index goes in the output's file list (hash and size), like the parts.
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = join(entry.parentPath, entry.name)
      .slice(out.dir.length + 1)
      .split('\\')
      .join('/');
    const data = await readFile(join(entry.parentPath, entry.name));
    out.files[rel] = {
      count: 0,
      sha256: createHash('sha256').update(data).digest('hex'),
      bytes: data.length,
    };
    files++;
    bytes += data.length;
  }
  task.end(fr ? `${files} fichiers` : `${files} files`);
  return {
    url: 'index/index.json',
    version: STATIC_INDEX_VERSION,
    count: manifest.n,
    sha256: out.files['index/index.json']!.sha256,
    files,
    bytes,
  };
}
