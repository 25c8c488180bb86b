/**
 * Node: a whole static index read from disk into an in-memory `SearchIndex` (records in index order),
 * without validating or re-reading anything the build already checked.
 *
 * @module
 */
import type { Structure } from '../schema/structure.ts';
import { createSearchIndex } from '../search/build.ts';
import type { SearchIndex } from '../search/index-data.ts';
import { fileName, type MetaTables, STATIC_INDEX_VERSION, type StaticIndexManifest } from './format.ts';
import { nodeIo } from './node-io.ts';

/**
 * Reads the static index in `dir` (its `index.json` and files) into an in-memory search index: the
 * records in the index's order, the concept labels the build used. Same results as the static index.
 *
 * @throws Error when `dir` holds no static index of this version, or a file is missing.
 */
export async function loadSearchIndex(dir: string): Promise<SearchIndex> {
  const io = await nodeIo();
  const decoder = new TextDecoder();
  const read = async (name: string) => decoder.decode(await io.readFile(io.join(dir, name)));
  const manifest = JSON.parse(await read('index.json')) as StaticIndexManifest;
  if (manifest.format !== 'essaim-static-index' || manifest.version !== STATIC_INDEX_VERSION)
    throw new Error(`static index: ${dir} holds no Essaim static index of version ${STATIC_INDEX_VERSION}`);
  const meta = JSON.parse(await read(fileName('meta', 0, manifest.build))) as MetaTables;
  const labels = new Map<string, string>();
  for (const name of ['themes', 'publics'] as const) {
    const t = meta.facets[name];
    t.values.forEach((v, i) => {
      const l = t.labels?.[i];
      if (l) labels.set(v, l);
    });
  }
  // Record pages as one JSON array, parsed once.
  const pages = await Promise.all(
    Array.from({ length: manifest.files.rec }, (_, k) => read(fileName('rec', k, manifest.build))),
  );
  const records = JSON.parse(
    `[${pages
      .map((p) => p.slice(1, -1))
      .filter((p) => p !== '')
      .join(',')}]`,
  ) as Structure[];
  if (records.length !== manifest.n)
    throw new Error(`static index: ${dir} lists ${manifest.n} records, its pages hold ${records.length}`);
  return createSearchIndex(records, {
    labels: (id) => labels.get(id),
    typoTolerance: manifest.typoTolerance,
  });
}
