/**
 * Page script of `pnpm bench national`, Orama peer: fetches the persisted Orama database (JSON, written
 * by `@orama/plugin-data-persistence`, served gzipped), restores it whole, runs the first query. The
 * restore is the plugin's own for the JSON format (`create` with a placeholder schema, `JSON.parse`,
 * `load`), called directly: the plugin's module also imports its dpack and msgpack formats, whose
 * Node-only code does not run in a browser bundle. Sets
 * `window.__first` (ms since navigation, Orama's count); `window.__step(query)` runs a further query.
 */
import { type AnyOrama, create, load } from '@orama/orama';
import type { SearchQuery } from '../../packages/sdk/src/search/types.ts';
import { oramaSearch } from './national-orama.ts';

const w = window as unknown as Record<string, unknown>;
const config = w.__config as { url: string; query: SearchQuery };
let db: AnyOrama | undefined;

try {
  const text = await (await fetch(config.url)).text();
  const fetched = performance.now();
  db = create({ schema: { __placeholder: 'string' } }) as AnyOrama;
  load(db, JSON.parse(text));
  const restored = performance.now();
  const r = await oramaSearch(db, config.query);
  w.__first = { ms: performance.now(), fetchedMs: fetched, restoredMs: restored, total: r.total };
} catch (error) {
  w.__error = String(error);
}

w.__step = async (query: SearchQuery) => {
  const started = performance.now();
  const r = await oramaSearch(db!, query);
  return { start: started, ms: performance.now() - started, total: r.total };
};
