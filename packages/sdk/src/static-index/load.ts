/**
 * Node: a whole static index read from disk into an in-memory `SearchIndex` (records in index order),
 * without validating or re-reading anything the build already checked.
 *
 * @module
 */
import type { Structure } from '../schema/structure.ts';
import { buildFacet } from '../search/build-facets.ts';
import { geoIndex } from '../search/build-geo.ts';
import { deletionTable, unionBitsets } from '../search/build-text.ts';
import {
  CLASSES,
  F_DESC,
  F_NAME,
  F_NAME_START,
  F_PLACE,
  F_TAGS,
  type FacetData,
  type SearchIndex,
} from '../search/index-data.ts';
import { FACET_NAMES, type FacetName } from '../search/types.ts';
import {
  ByteReader,
  decodeTables,
  type FileKind,
  fileName,
  type MetaTables,
  PLACE_FACETS,
  STATIC_INDEX_VERSION,
  type StaticIndexManifest,
} from './format.ts';
import { nodeIo } from './node-io.ts';

/** A mask of each field class (scores depend on the class only: `TOKEN_SCORES[q][mask]`). */
const CLASS_MASK = [F_NAME_START | F_NAME, F_NAME, F_TAGS, F_PLACE, F_DESC];

/**
 * Reads the static index in `dir` (its `index.json` and files) into an in-memory search index: the
 * records in the index's order, the concept labels the build used. The dictionary, postings and sort
 * ranks are restored from the files (no tokenising, no collation); same results as the static index.
 *
 * @throws Error when `dir` holds no static index of this version, or a file is missing.
 */
export async function loadSearchIndex(dir: string): Promise<SearchIndex> {
  const io = await nodeIo();
  const decoder = new TextDecoder();
  const bytesOf = (name: string) => io.readFile(io.join(dir, name));
  const read = async (name: string) => decoder.decode(await bytesOf(name));
  const manifest = JSON.parse(await read('index.json')) as StaticIndexManifest;
  if (manifest.format !== 'essaim-static-index' || manifest.version !== STATIC_INDEX_VERSION)
    throw new Error(`static index: ${dir} holds no Essaim static index of version ${STATIC_INDEX_VERSION}`);
  const { build, files } = manifest;
  const all = <T>(kind: FileKind, f: (name: string) => Promise<T>) =>
    Promise.all(Array.from({ length: files[kind] }, (_, k) => f(fileName(kind, k, build))));
  const [metaText, dictTexts, posts, cols] = await Promise.all([
    read(fileName('meta', 0, build)),
    all('dict', read),
    all('post', bytesOf),
    all('col', bytesOf),
  ]);
  const meta: MetaTables = {
    ...(JSON.parse(metaText) as Pick<MetaTables, 'facets'>),
    ...decodeTables(await io.readFile(io.join(dir, fileName('tables', 0, build)))),
  };
  const labelMap = new Map<string, string>();
  for (const name of ['themes', 'publics'] as const) {
    const t = meta.facets[name];
    t.values.forEach((v, i) => {
      const l = t.labels?.[i];
      if (l) labelMap.set(v, l);
    });
  }
  const labels = (id: string) => labelMap.get(id);
  const n = manifest.n;
  const records = lazyRecords(n, manifest.pageSize, (k) =>
    io.readTextSync(io.join(dir, fileName('rec', k, build))),
  );
  const words = Math.max(1, Math.ceil(n / 32));

  // Dictionary and postings.
  const blocks = dictTexts.map((t) => JSON.parse(t) as { terms: string[]; df: number[]; loc: number[] });
  const terms: string[] = [];
  let P = 0;
  for (const b of blocks) {
    for (const t of b.terms) terms.push(t);
    for (const x of b.df) P += x;
  }
  const T = terms.length;
  const termIds = new Map<string, number>();
  for (let t = 0; t < T; t++) termIds.set(terms[t]!, t);
  const classStart = new Uint32Array(T * CLASSES + 1);
  const postDoc = new Uint32Array(P);
  const postMask = new Uint8Array(P);
  const docCount = new Uint32Array(n + 1);
  let j = 0;
  let t = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.terms.length; i++, t++) {
      const r = new ByteReader(posts[b.loc[2 * i]!]!);
      r.pos = b.loc[2 * i + 1]!;
      for (let c = 0; c < CLASSES; c++) {
        classStart[t * CLASSES + c] = j;
        let d = 0;
        for (let k = r.varint(); k > 0; k--) {
          d += r.varint();
          postDoc[j] = d;
          postMask[j++] = CLASS_MASK[c]!;
          docCount[d + 1]!++;
        }
      }
    }
  }
  classStart[T * CLASSES] = j;
  if (j !== P) throw new Error(`static index: ${dir} lists ${P} postings, its chunks hold ${j}`);
  // Forward index: each record's terms (ascending) and their masks.
  const fwdStart = new Uint32Array(n + 1);
  for (let d = 0; d < n; d++) fwdStart[d + 1] = fwdStart[d]! + docCount[d + 1]!;
  const fill = fwdStart.slice(0, n);
  const fwdTerm = new Uint32Array(P);
  const fwdMask = new Uint8Array(P);
  for (let u = 0; u < T; u++) {
    for (let k = classStart[u * CLASSES]!; k < classStart[(u + 1) * CLASSES]!; k++) {
      const p = fill[postDoc[k]!]!++;
      fwdTerm[p] = u;
      fwdMask[p] = postMask[k]!;
    }
  }
  const { termBits, prefixBits } = unionBitsets(terms, { classStart, postDoc, postMask }, words);

  // Profiles, coordinates and sort ranks from the column chunks.
  const nameRank = new Uint32Array(n);
  const updatedRank = new Uint32Array(n);
  const profileOf = new Uint32Array(n);
  const coords: Pick<Structure, 'geo'>[] = new Array(n);
  const C = manifest.columnChunk;
  cols.forEach((bytes, k) => {
    const from = k * C;
    const m = Math.min(n, from + C) - from;
    const r = new ByteReader(bytes);
    for (let i = 0; i < m; i++) profileOf[from + i] = r.varint();
    for (let i = 0; i < m; i++) {
      const lat = r.float64();
      const lon = r.float64();
      coords[from + i] = Number.isNaN(lat) ? {} : { geo: { lat, lon } };
    }
    for (let i = 0; i < m; i++) nameRank[from + i] = r.varint();
    for (let i = 0; i < m; i++) updatedRank[from + i] = r.varint();
  });
  const byName = new Uint32Array(n);
  const byUpdated = new Uint32Array(n);
  for (let d = 0; d < n; d++) {
    byName[nameRank[d]!] = d;
    byUpdated[updatedRank[d]!] = d;
  }
  // Facets from each record's profile and place (the values `buildFacet` reads, one object per pair).
  const facetView = facetRecords(meta, profileOf, n);
  const facets = {} as Record<FacetName, FacetData>;
  for (const name of FACET_NAMES) facets[name] = buildFacet(facetView, name, words, labels);
  const options = { labels, typoTolerance: manifest.typoTolerance };
  return {
    records,
    size: n,
    options,
    data: {
      n,
      words,
      terms,
      termIds,
      classStart,
      postDoc,
      postMask,
      termBits,
      prefixBits,
      fwdStart,
      fwdTerm,
      fwdMask,
      deletions: manifest.typoTolerance ? deletionTable(terms) : undefined,
      ...geoIndex(coords as Structure[]),
      byName,
      nameRank,
      byUpdated,
      updatedRank,
      facets,
      scratch: {
        acc: new Int32Array(n),
        tok: new Uint8Array(n),
        cnt: new Uint8Array(n),
        touched: new Uint32Array(n),
        cand: new Uint32Array(n),
        termMark: new Uint8Array(T),
        bitsA: new Uint32Array(words),
      },
    },
  };
}

/** Per record, an object with its facet fields only (shared by the records of a (place, profile) pair). */
function facetRecords(meta: MetaTables, profileOf: Uint32Array, n: number): Structure[] {
  const f = meta.facets;
  const vals = (name: FacetName, ids: number[]) => ids.map((v) => f[name].values[v]!);
  const out: Structure[] = new Array(n);
  const shared = new Map<number, Structure>();
  const P = meta.profiles.length;
  const { start, codes } = meta.places;
  for (let place = 0; place + 1 < start.length; place++) {
    const [region, departement, epci, commune] = codes[place]!.map((v, i) =>
      v < 0 ? undefined : f[PLACE_FACETS[i]!].values[v],
    );
    const cog = { region, departement, epci, commune };
    for (let d = start[place]!; d < start[place + 1]!; d++) {
      const p = profileOf[d]!;
      let s = shared.get(place * P + p);
      if (!s) {
        const [family, legalForms, themes, publics, networks, source] = meta.profiles[p]!;
        s = {
          family: vals('family', family!)[0],
          legalForms: vals('legalForms', legalForms!),
          themes: vals('themes', themes!),
          publics: vals('publics', publics!),
          networks: vals('networks', networks!),
          provenance: vals('source', source!).map((x) => ({ source: x })),
          address: { cog },
        } as unknown as Structure;
        shared.set(place * P + p, s);
      }
      out[d] = s;
    }
  }
  return out;
}

/**
 * The records as an array whose pages are read and parsed on first access (synchronously): loading
 * parses none, a search parses the pages of its hits.
 */
function lazyRecords(n: number, pageSize: number, readPage: (k: number) => string): Structure[] {
  const pages = new Map<number, Structure[]>();
  const isIndex = (prop: string | symbol): prop is string =>
    typeof prop === 'string' && /^(0|[1-9]\d*)$/.test(prop) && Number(prop) < n;
  return new Proxy(new Array<Structure>(n), {
    get(t, prop, receiver) {
      if (!isIndex(prop)) return Reflect.get(t, prop, receiver);
      const d = Number(prop);
      const k = Math.floor(d / pageSize);
      let page = pages.get(k);
      if (!page) {
        page = JSON.parse(readPage(k)) as Structure[];
        pages.set(k, page);
      }
      return page[d - k * pageSize];
    },
    has: (t, prop) => isIndex(prop) || Reflect.has(t, prop),
  });
}
