/**
 * Browser and Node: opening a static search index by URL. Files are fetched on first need, once (a
 * promise cache), and counted; the entry file is the only one read when opening.
 *
 * @module
 */
import type { SearchQuery, SearchResult } from '../search/types.ts';
import {
  ByteReader,
  decodeTables,
  fileName,
  type FileKind,
  type GeoDirectory,
  type MetaTables,
  PROFILE_FACETS,
  STATIC_INDEX_VERSION,
  type StaticIndexManifest,
} from './format.ts';
import { type Cell, decodeCell, decodeGrid, type GridDirectory } from './grid.ts';
import { staticSearch } from './search.ts';

/** Options of {@link openStaticIndex}. */
export interface OpenStaticIndexOptions {
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/** A static search index, opened by {@link openStaticIndex}. */
export interface StaticIndex {
  /** Number of records. */
  readonly size: number;
  /** The entry file. */
  readonly manifest: StaticIndexManifest;
  /**
   * Runs `query` with the same results as the in-memory `search()` over the same records in index order
   * (hits carry full records), fetching the files the query needs.
   *
   * @throws RangeError when `near` or `bbox` hold impossible coordinates; an Error naming the file when one
   * cannot be fetched.
   */
  search(query?: SearchQuery): Promise<SearchResult>;
  /** What was fetched so far: files and bytes (as received). */
  stats(): { requests: number; bytes: number };
}

/** A dictionary block as stored. */
export interface DictBlock {
  terms: string[];
  /** Number of postings of each term. */
  df: number[];
  /** Postings chunk and byte offset, 2 per term. */
  loc: number[];
}

/** Decoded postings of a term (or a merged prefix): ids by class and the profile of each. */
export interface PostingList {
  /** Ids of class c: `ids[c]`, ascending. */
  ids: Uint32Array[];
  /** Profiles, classes in order then ids. */
  profiles: Uint32Array;
}

/** Per column chunk: profiles, coordinates, ranks. */
export interface ColumnChunk {
  from: number;
  profile: Uint32Array;
  lat: Float64Array;
  lon: Float64Array;
  nameRank: Uint32Array;
  updatedRank: Uint32Array;
}

/** The loaded index: files on demand. @internal */
export class StaticIndexData {
  readonly n: number;
  private readonly cache = new Map<string, Promise<unknown>>();
  requests = 0;
  bytes = 0;
  /** Profile of each record, when known (-1 before). */
  profileOf: Int32Array;
  /** Grid cell file holding each record, when read (-1 before). */
  cellOf: Int32Array;
  constructor(
    readonly manifest: StaticIndexManifest,
    readonly base: URL,
    private readonly fetcher: typeof fetch,
  ) {
    this.n = manifest.n;
    this.profileOf = new Int32Array(manifest.n).fill(-1);
    this.cellOf = new Int32Array(manifest.n).fill(-1);
  }

  private file<T>(kind: FileKind, k: number, decode: (bytes: Uint8Array) => T): Promise<T> {
    const name = fileName(kind, k, this.manifest.build);
    let p = this.cache.get(name) as Promise<T> | undefined;
    if (!p) {
      p = (async () => {
        const url = new URL(name, this.base);
        let res: Response;
        try {
          res = await this.fetcher(url);
        } catch (error) {
          throw new Error(`static index: cannot fetch ${url.href}: ${String(error)}`, { cause: error });
        }
        if (!res.ok) throw new Error(`static index: ${url.href} answered HTTP ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        this.requests++;
        this.bytes += bytes.length;
        return decode(bytes);
      })();
      // A failed fetch is not cached: the next query tries again.
      p.catch(() => this.cache.delete(name));
      this.cache.set(name, p);
    }
    return p;
  }

  private json<T>(kind: FileKind, k: number): Promise<T> {
    return this.file(kind, k, (b) => JSON.parse(new TextDecoder().decode(b)) as T);
  }

  private metaP: Promise<MetaData> | undefined;
  meta(): Promise<MetaData> {
    this.metaP ??= Promise.all([
      this.file('meta', 0, (b) => JSON.parse(new TextDecoder().decode(b)) as Pick<MetaTables, 'facets'>),
      this.file('tables', 0, decodeTables),
    ]).then(([json, tables]) => prepareMeta({ ...json, ...tables }));
    return this.metaP;
  }
  /** Records per (place, profile): flat triples (place, profile, count). */
  placeProfileCounts(): Promise<Uint32Array> {
    return this.file('hist', 0, (bytes) => {
      const r = new ByteReader(bytes);
      const m = r.varint();
      const out = new Uint32Array(3 * m);
      let place = 0;
      for (let i = 0; i < m; i++) {
        place += r.varint();
        out[3 * i] = place;
        out[3 * i + 1] = r.varint();
        out[3 * i + 2] = r.varint();
      }
      return out;
    });
  }
  geoDirectory(): Promise<GeoDirectory> {
    return this.json('meta', 1);
  }
  grid(): Promise<GridDirectory> {
    return this.file('grid', 0, decodeGrid);
  }
  /** Grid cell file `i` (the last one, `grid.cells.length`, holds the records without coordinates). */
  async cell(i: number): Promise<Cell> {
    const grid = await this.grid();
    return this.file('cell', i, (bytes) => {
      const cell = decodeCell(bytes, i < grid.cells.length);
      for (let j = 0; j < cell.ids.length; j++) {
        this.profileOf[cell.ids[j]!] = cell.profile[j]!;
        this.cellOf[cell.ids[j]!] = i;
      }
      return cell;
    });
  }
  dictBlock(k: number): Promise<DictBlock> {
    return this.json('dict', k);
  }
  reversedBlock(k: number): Promise<string[]> {
    return this.json('rdict', k);
  }
  /** Postings of the term at `offset` of postings chunk `chunk`. */
  async postings(chunk: number, offset: number): Promise<PostingList> {
    const bytes = await this.file('post', chunk, (b) => b);
    const r = new ByteReader(bytes);
    r.pos = offset;
    return this.readPostings(r);
  }
  async prefix(k: number): Promise<PostingList> {
    return this.readPostings(new ByteReader(await this.file('prefix', k, (b) => b)));
  }
  private readPostings(r: ByteReader): PostingList {
    const ids: Uint32Array[] = [];
    let total = 0;
    for (let c = 0; c < 5; c++) {
      ids.push(r.ids());
      total += ids[c]!.length;
    }
    const profiles = r.varints(total);
    let j = 0;
    for (const list of ids) for (let i = 0; i < list.length; i++) this.profileOf[list[i]!] = profiles[j++]!;
    return { ids, profiles };
  }
  column(k: number): Promise<ColumnChunk> {
    return this.file('col', k, (bytes) => {
      const C = this.manifest.columnChunk;
      const from = k * C;
      const m = Math.min(this.n, from + C) - from;
      const r = new ByteReader(bytes);
      const profile = r.varints(m);
      const lat = new Float64Array(m);
      const lon = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        lat[i] = r.float64();
        lon[i] = r.float64();
      }
      const nameRank = r.varints(m);
      const updatedRank = r.varints(m);
      for (let i = 0; i < m; i++) this.profileOf[from + i] = profile[i]!;
      return { from, profile, lat, lon, nameRank, updatedRank };
    });
  }
  /** Entries of sort-order chunk `k`: record ids and their profiles. */
  order(kind: 'name' | 'updated', k: number): Promise<{ ids: Uint32Array; profiles: Uint32Array }> {
    return this.file(kind, k, (bytes) => {
      const r = new ByteReader(bytes);
      const m = Math.min(this.n, (k + 1) * this.manifest.orderChunk) - k * this.manifest.orderChunk;
      const ids = new Uint32Array(m);
      const profiles = new Uint32Array(m);
      for (let i = 0; i < m; i++) {
        ids[i] = r.varint();
        profiles[i] = r.varint();
        this.profileOf[ids[i]!] = profiles[i]!;
      }
      return { ids, profiles };
    });
  }
  records(k: number): Promise<unknown[]> {
    return this.json('rec', k);
  }
}

/** The meta tables with what queries derive from them. @internal */
export interface MetaData extends MetaTables {
  placeStart: Uint32Array;
  /** Value ids of facet `PROFILE_FACETS[i]` for profile p: `profileValues[i][p]`. */
  profileValues: number[][][];
  /** Value id by value, per facet. */
  valueIds: Record<string, Map<string, number>>;
}

function prepareMeta(m: MetaTables): MetaData {
  const valueIds: Record<string, Map<string, number>> = {};
  for (const [name, t] of Object.entries(m.facets)) valueIds[name] = new Map(t.values.map((v, i) => [v, i]));
  return {
    ...m,
    placeStart: Uint32Array.from(m.places.start),
    profileValues: PROFILE_FACETS.map((_, i) => m.profiles.map((p) => p[i]!)),
    valueIds,
  };
}

/**
 * Opens the static index whose entry file (`index.json`) is at `url`; only that file is fetched now.
 *
 * @throws Error when the entry file cannot be fetched or is not a static index of this version.
 */
export async function openStaticIndex(
  url: string | URL,
  options: OpenStaticIndexOptions = {},
): Promise<StaticIndex> {
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const entry = new URL(url, typeof location === 'undefined' ? undefined : location.href);
  let res: Response;
  try {
    res = await fetcher(entry);
  } catch (error) {
    throw new Error(`static index: cannot fetch ${entry.href}: ${String(error)}`, { cause: error });
  }
  if (!res.ok) throw new Error(`static index: ${entry.href} answered HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const manifest = JSON.parse(new TextDecoder().decode(bytes)) as StaticIndexManifest;
  if (manifest.format !== 'essaim-static-index' || manifest.version !== STATIC_INDEX_VERSION)
    throw new Error(
      `static index: ${entry.href} is not an Essaim static index of version ${STATIC_INDEX_VERSION} (format ${String(manifest.format)}, version ${String(manifest.version)})`,
    );
  const data = new StaticIndexData(manifest, entry, fetcher);
  data.requests = 1;
  data.bytes = bytes.length;
  return {
    size: manifest.n,
    manifest,
    search: (query = {}) => staticSearch(data, query),
    stats: () => ({ requests: data.requests, bytes: data.bytes }),
  };
}
