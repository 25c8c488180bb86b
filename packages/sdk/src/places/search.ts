/**
 * Autocomplete (searchPlaces), fuzzy resolution of a postcode + city name (lookupCommune) and nearest
 * places. The search index is built on the first call, once.
 */
import { normalizeText } from '../text/normalize.ts';
import { distanceKm } from '../core/geo.ts';
import { lowerBound } from '../core/sorted.ts';
import { TopK } from '../core/top-k.ts';
import { ABBREVIATIONS, canonicalToken, placeKey, placeTokens } from './keys.ts';
import {
  formatPostcode,
  departementOfPostcode,
  getDepartement,
  indexOfCode,
  onTablesChange,
  parsePostcode,
  placeAt,
  postcodeMap,
  postcodeNumbers,
  tables,
} from './store.ts';
import type {
  LocalityMatch,
  LocalityQuery,
  LookupOptions,
  NearestPlace,
  Place,
  PlaceMatch,
  SearchOptions,
} from './types.ts';

// ------------------------------------------------------------------------------------------- index

interface SearchIndex {
  /** Entries: places (0 … count-1), then aliases (count + alias index). */
  readonly entryKey: string[];
  /** Token ranks of entry e: entryTokens[entryTokStart[e] … entryTokStart[e + 1]), in name order. */
  readonly entryTokStart: Int32Array;
  readonly entryTokens: Int32Array;
  readonly entryPlace: Int32Array;
  /** Sorted distinct tokens; entries containing token r: postEntries[postStart[r] … postStart[r + 1]). */
  readonly tokens: string[];
  readonly postStart: Int32Array;
  readonly postEntries: Int32Array;
  /** Same, for the first token of each entry only. */
  readonly firstStart: Int32Array;
  readonly firstEntries: Int32Array;
  /** Rank of each place by decreasing population (0 = most populous). */
  readonly popRank: Int32Array;
  /** (postcode, place) pairs sorted by postcode, then arrondissements first, then population. */
  readonly pcValue: Int32Array;
  readonly pcPlace: Int32Array;
  /** 1 for Paris, Lyon, Marseille (communes that have municipal arrondissements). */
  readonly isParent: Uint8Array;
  /** Per-entry and per-place stamps used to de-duplicate candidates without allocating. */
  readonly entryStamp: Uint32Array;
  readonly placeStamp: Uint32Array;
}

let index: SearchIndex | undefined;
let generation = 0;

/** Compressed sparse rows: for each key (0…keys-1), the values pushed for it, in push order. */
function csr(keys: number, keyOf: ArrayLike<number>, valueAt: ArrayLike<number>): [Int32Array, Int32Array] {
  const start = new Int32Array(keys + 1);
  for (let k = 0; k < keyOf.length; k++) start[keyOf[k]! + 1]!++;
  for (let r = 0; r < keys; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, keys);
  const values = new Int32Array(keyOf.length);
  for (let k = 0; k < keyOf.length; k++) values[fill[keyOf[k]!]!++] = valueAt[k]!;
  return [start, values];
}

function getIndex(): SearchIndex {
  if (index) return index;
  const t = tables();
  const n = t.count + t.aliasNames.length;
  const entryKey: string[] = new Array(n);
  const entryTokStart = new Int32Array(n + 1);
  const entryTokIds: number[] = [];
  const entryPlace = new Int32Array(n);
  const tokenId = new Map<string, number>();
  const tokenList: string[] = [];
  const pairToken: number[] = [];
  const pairEntry: number[] = [];
  const firstToken = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    const isAlias = e >= t.count;
    const toks = placeTokens(isAlias ? t.aliasNames[e - t.count]! : t.names[e]!);
    entryKey[e] = toks.join(' ');
    entryTokStart[e] = entryTokIds.length;
    entryPlace[e] = isAlias ? t.aliasPlace[e - t.count]! : e;
    for (let k = 0; k < toks.length; k++) {
      const tok = toks[k]!;
      let id = tokenId.get(tok);
      if (id === undefined) {
        id = tokenList.length;
        tokenId.set(tok, id);
        tokenList.push(tok);
      }
      entryTokIds.push(id);
      if (k === 0) firstToken[e] = id;
      if (toks.indexOf(tok) !== k) continue;
      pairToken.push(id);
      pairEntry.push(e);
    }
  }
  // Token ids → ranks in sorted order.
  const tokens = tokenList.slice().sort();
  const rank = new Int32Array(tokens.length);
  tokens.forEach((tok, r) => {
    rank[tokenId.get(tok)!] = r;
  });
  entryTokStart[n] = entryTokIds.length;
  const entryTokens = new Int32Array(entryTokIds.length);
  for (let k = 0; k < entryTokIds.length; k++) entryTokens[k] = rank[entryTokIds[k]!]!;
  for (let k = 0; k < pairToken.length; k++) pairToken[k] = rank[pairToken[k]!]!;
  const [postStart, postEntries] = csr(tokens.length, pairToken, pairEntry);
  const entryIds = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    firstToken[e] = rank[firstToken[e]!]!;
    entryIds[e] = e;
  }
  const [firstStart, firstEntries] = csr(tokens.length, firstToken, entryIds);

  // Population ranks (ties by index), through a numeric sort of composite keys.
  const popKeys = new Float64Array(t.count);
  for (let i = 0; i < t.count; i++) popKeys[i] = (2 ** 26 - Math.max(0, t.population[i]!)) * 65_536 + i;
  popKeys.sort();
  const popRank = new Int32Array(t.count);
  const byRank = new Int32Array(t.count);
  popKeys.forEach((k, r) => {
    const i = k % 65_536;
    popRank[i] = r;
    byRank[r] = i;
  });

  const isParent = new Uint8Array(t.count);
  for (let i = 0; i < t.count; i++) if (t.parent[i]! >= 0) isParent[t.parent[i]!] = 1;

  // (postcode, place) pairs: key = (postcode × 2 + not-arrondissement) × 65536 + population rank.
  const pcKeys = new Float64Array(t.postcodes.length);
  for (let i = 0; i < t.count; i++) {
    for (let k = t.postcodeStart[i]!; k < t.postcodeStart[i + 1]!; k++) {
      pcKeys[k] = (t.postcodes[k]! * 2 + (t.parent[i]! >= 0 ? 0 : 1)) * 65_536 + popRank[i]!;
    }
  }
  pcKeys.sort();
  const pcValue = new Int32Array(pcKeys.length);
  const pcPlace = new Int32Array(pcKeys.length);
  for (let k = 0; k < pcKeys.length; k++) {
    pcValue[k] = Math.floor(pcKeys[k]! / 131_072);
    pcPlace[k] = byRank[pcKeys[k]! % 65_536]!;
  }

  index = {
    entryKey,
    entryTokStart,
    entryTokens,
    entryPlace,
    tokens,
    postStart,
    postEntries,
    firstStart,
    firstEntries,
    popRank,
    pcValue,
    pcPlace,
    isParent,
    entryStamp: new Uint32Array(n),
    placeStamp: new Uint32Array(t.count),
  };
  return index;
}

/** Decodes the data and builds the search index now (e.g. when the browser is idle) instead of on first use. */
export function preloadPlaces(): void {
  getIndex();
  postcodeMap();
}

/** Range [from, to) of tokens starting with `prefix` (or equal to it when `exact`). */
function tokenRange(idx: SearchIndex, prefix: string, exact = false): [number, number] {
  const from = lowerBound(idx.tokens, prefix);
  if (exact) return idx.tokens[from] === prefix ? [from, from + 1] : [from, from];
  let to = from;
  while (to < idx.tokens.length && idx.tokens[to]!.startsWith(prefix)) to++;
  return [from, to];
}

function label(place: Place, postcode: string | undefined): string {
  const pc = postcode ?? place.postcodes[0];
  return pc ? `${place.name} (${pc})` : place.name;
}

/**
 * Best `limit` (place, entry) by ascending key, one per place: each place's best offer (the first of
 * equal ones), then the core top-k over them (equal keys in the order offered).
 */
class PlaceTop {
  readonly #best = new Map<number, number>();
  readonly #keys: number[] = [];
  readonly #rows: [place: number, entry: number, postcode: number][] = [];
  constructor(private readonly limit: number) {}

  offer(key: number, place: number, entry: number, postcode: number): void {
    const at = this.#best.get(place);
    if (at !== undefined && this.#keys[at]! <= key) return;
    this.#best.set(place, this.#keys.length);
    this.#keys.push(key);
    this.#rows.push([place, entry, postcode]);
  }

  matches(): PlaceMatch[] {
    const top = new TopK(this.limit);
    for (const i of this.#best.values()) top.push(i, this.#keys[i]!);
    return top.sorted().map((i) => toMatch(...this.#rows[i]!));
  }
}

// ------------------------------------------------------------------------------------ autocomplete

interface QueryToken {
  /** Canonical form ("st" → "saint", "3e" → "3"), and the raw form for the last token when it differs. */
  readonly forms: readonly string[];
  readonly digits: boolean;
  /** A complete word that must match a whole word: ordinals ("3e", "1er"). */
  readonly exact: boolean;
}

/**
 * Autocomplete over communes, municipal arrondissements, former communes and La Poste localities.
 *
 * - Text is compared with French normalisation (case, accents, œ/æ, apostrophes, hyphens/spaces,
 *   "st"/"ste" ↔ "saint"/"sainte", "3e"/"3ème" ↔ "3"); every word of the query must start a word of the
 *   name, the last one possibly incomplete ("saint eti" → Saint-Étienne…).
 * - Ranking: exact name, then names starting with the query, then names whose first word matches, then
 *   other word matches; official names before former names; then by decreasing population.
 * - Digits-only queries ("310", "75011") list the postcodes starting with them, in postcode order, each
 *   match carrying its `postcode` (Paris/Lyon/Marseille themselves are listed after their arrondissements,
 *   and only for a complete postcode). A current 5-character INSEE code ("42218", "2A004") also finds its
 *   place.
 * - Digits mixed with words ("saint denis 93", "lyon 3", "st etienne 42100") filter by postcode prefix or
 *   département code, or match numbers in names.
 */
export function searchPlaces(query: string, options: SearchOptions = {}): PlaceMatch[] {
  const limit = Math.max(0, Math.floor(options.limit ?? 10));
  const norm = normalizeText(query);
  if (limit === 0 || norm === '') return [];
  let deptFilter = -1;
  if (options.departement !== undefined) {
    const d = getDepartement(options.departement);
    if (!d) return [];
    deptFilter = tables().departements.findIndex((x) => x.code === d.code);
  }
  const withArrondissements = options.arrondissements !== false;
  const idx = getIndex();
  const t = tables();
  const accept = (i: number): boolean =>
    (deptFilter < 0 || t.dept[i] === deptFilter) && (withArrondissements || t.parent[i]! < 0);

  const compact = norm.replace(/ /g, '');
  if (/^\d{1,5}$/.test(compact) || /^2[ab]\d{3}$/.test(compact)) {
    return searchCodes(idx, compact, limit, accept, withArrondissements);
  }

  const raw = norm.split(' ');
  const qTokens: QueryToken[] = raw.map((tok, k) => {
    const canon = canonicalToken(tok);
    const forms = k === raw.length - 1 && canon !== tok && ABBREVIATIONS[tok] ? [canon, tok] : [canon];
    return { forms, digits: /^\d+$/.test(tok), exact: canon !== tok && /^\d/.test(tok) };
  });
  const keyVariants = { all: variants(qTokens), words: variants(qTokens.filter((q) => !q.digits)) };
  if (keyVariants.words.length === 0)
    return searchCodes(idx, compact.slice(0, 5), limit, accept, withArrondissements);

  // Fast path: names starting with the query (exact or prefix) are found through their first word; when
  // there are enough of them, no other match can rank above.
  if (qTokens.every((q) => !q.digits)) {
    const top = new PlaceTop(limit);
    if (prefixMatches(idx, keyVariants.all, accept, top) >= limit) return top.matches();
  }

  // General path: candidates from the most selective word, every query word checked.
  let driver: { ranges: [number, number][]; size: number } | undefined;
  for (const q of qTokens) {
    if (q.digits) continue;
    const ranges = q.forms.map((f) => tokenRange(idx, f, q.exact));
    let size = 0;
    for (const [a, b] of ranges) size += idx.postStart[b]! - idx.postStart[a]!;
    if (!driver || size < driver.size) driver = { ranges, size };
  }
  const top = new PlaceTop(limit);
  const stampValue = ++generation;
  for (const [a, b] of driver!.ranges) {
    for (let k = idx.postStart[a]!; k < idx.postStart[b]!; k++) {
      const e = idx.postEntries[k]!;
      if (idx.entryStamp[e] === stampValue) continue;
      idx.entryStamp[e] = stampValue;
      const place = idx.entryPlace[e]!;
      if (!accept(place)) continue;
      scoreEntry(idx, e, place, qTokens, keyVariants, top);
    }
  }
  return top.matches();
}

/** Entries whose key starts with one of the variants; returns the number of distinct places found. */
function prefixMatches(
  idx: SearchIndex,
  vs: readonly string[],
  accept: (i: number) => boolean,
  top: PlaceTop,
): number {
  const t = tables();
  const stampValue = ++generation;
  let distinct = 0;
  for (const v of vs) {
    const sp = v.indexOf(' ');
    const [a, b] = sp < 0 ? tokenRange(idx, v) : tokenRange(idx, v.slice(0, sp), true);
    for (let k = idx.firstStart[a]!; k < idx.firstStart[b]!; k++) {
      const e = idx.firstEntries[k]!;
      const key = idx.entryKey[e]!;
      if (sp >= 0 && !keyStartsWith(key, v)) continue;
      const place = idx.entryPlace[e]!;
      if (!accept(place)) continue;
      const alias = e >= t.count;
      const score = (keyEquals(key, v) ? 0 : 2) + (alias ? 1 : 0);
      top.offer(score * 65_536 + idx.popRank[place]!, place, e, alias ? t.aliasPostcode[e - t.count]! : 0);
      if (idx.placeStamp[place] !== stampValue) {
        idx.placeStamp[place] = stampValue;
        distinct++;
      }
    }
  }
  return distinct;
}

/** The query's words as strings to compare whole keys with: canonical, and with the raw last word. */
function variants(nameTokens: QueryToken[]): string[] {
  if (nameTokens.length === 0) return [];
  const head = nameTokens.slice(0, -1).map((q) => q.forms[0]!);
  const last = nameTokens[nameTokens.length - 1]!;
  // A trailing space marks a last word that must be complete.
  return last.forms.map((f) => [...head, f].join(' ') + (last.exact ? ' ' : ''));
}

/** Whether `key` is `v` (a variant) or starts with it, word-wise when `v` ends with a space. */
function keyEquals(key: string, v: string): boolean {
  return v.endsWith(' ') ? key.length === v.length - 1 && v.startsWith(key) : key === v;
}
function keyStartsWith(key: string, v: string): boolean {
  return key.startsWith(v) || keyEquals(key, v);
}

function scoreEntry(
  idx: SearchIndex,
  e: number,
  place: number,
  qTokens: readonly QueryToken[],
  keyVariants: { readonly all: readonly string[]; readonly words: readonly string[] },
  top: PlaceTop,
): void {
  const t = tables();
  const from = idx.entryTokStart[e]!;
  const to = idx.entryTokStart[e + 1]!;
  let postcode = 0;
  let numbersInName = true;
  for (const q of qTokens) {
    let ok = false;
    for (const f of q.forms) {
      for (let k = from; k < to; k++) {
        const tok = idx.tokens[idx.entryTokens[k]!]!;
        if (q.exact ? tok === f : tok.startsWith(f)) {
          ok = true;
          break;
        }
      }
      if (ok) break;
    }
    if (!ok && q.digits) {
      numbersInName = false;
      const f = q.forms[0]!;
      if (t.departements[t.dept[place]!]!.code === f) ok = true;
      else {
        for (const pc of postcodeNumbers(place)) {
          if (formatPostcode(pc).startsWith(f)) {
            ok = true;
            postcode = pc;
            break;
          }
        }
      }
    }
    if (!ok) return;
  }
  // Tier from the words of the query (numbers matched by postcode/département left out).
  const key = idx.entryKey[e]!;
  let tier = 3;
  for (const v of numbersInName ? keyVariants.all : keyVariants.words) {
    if (keyEquals(key, v)) tier = 0;
    else if (tier > 1 && keyStartsWith(key, v)) tier = 1;
    else if (tier > 2 && idx.tokens[idx.entryTokens[from]!]!.startsWith(v.split(' ')[0]!)) tier = 2;
  }
  const alias = e >= t.count;
  if (alias && postcode === 0) postcode = t.aliasPostcode[e - t.count]!;
  top.offer((tier * 2 + (alias ? 1 : 0)) * 65_536 + idx.popRank[place]!, place, e, postcode);
}

function toMatch(place: number, entry: number, postcode: number): PlaceMatch {
  const p = placeAt(place);
  const t = tables();
  const pc = postcode > 0 ? formatPostcode(postcode) : undefined;
  const m: { -readonly [K in keyof PlaceMatch]: PlaceMatch[K] } = { place: p, label: label(p, pc) };
  if (pc) m.postcode = pc;
  if (entry >= t.count) m.alias = t.aliasNames[entry - t.count]!;
  return m;
}

/** Postcode-prefix and INSEE-code search. */
function searchCodes(
  idx: SearchIndex,
  digits: string,
  limit: number,
  accept: (i: number) => boolean,
  withArrondissements: boolean,
): PlaceMatch[] {
  const out: PlaceMatch[] = [];
  const seen = new Set<number>();
  if (/^\d+$/.test(digits)) {
    const scale = 10 ** (5 - digits.length);
    const lo = Number(digits) * scale;
    const hi = lo + scale;
    for (let k = lowerBound(idx.pcValue, lo); k < idx.pcValue.length && idx.pcValue[k]! < hi; k++) {
      const i = idx.pcPlace[k]!;
      if (!accept(i)) continue;
      // Paris/Lyon/Marseille only for a complete postcode, after their arrondissements.
      if (withArrondissements && idx.isParent[i] && digits.length < 5) continue;
      out.push(toMatch(i, i, idx.pcValue[k]!));
      seen.add(i);
      if (out.length >= limit) return out;
    }
  }
  if (digits.length === 5) {
    const i = indexOfCode(digits, false);
    if (i !== undefined && !seen.has(i) && accept(i)) out.push(toMatch(i, i, 0));
  }
  return out.slice(0, limit);
}

// ---------------------------------------------------------------------------------- lookupCommune

/** Bigram Dice coefficient of two strings. */
function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = counts.get(g);
    if (n) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length - 2);
}

/** Words ignored when comparing names: "Paris 11ème" is "Paris 11e Arrondissement". */
const GENERIC_RE = /\b(?:arrondissement|arrondissements|arrdt|arrt|arr)\b/g;
const HAS_GENERIC_RE = /\b(?:arrondissement|arrondissements|arrdt|arrt|arr)\b/;

/**
 * Similarity (0…1) of two place keys: 1 when equal, 0.99 when equal but for the word "arrondissement",
 * 0.97 when equal without spaces, otherwise the best of the bigram Dice coefficient and a word-containment
 * score ("montreuil sous bois" ⊃ "montreuil").
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (HAS_GENERIC_RE.test(a) || HAS_GENERIC_RE.test(b)) {
    a = a.replace(GENERIC_RE, ' ').trim().replace(/ +/g, ' ');
    b = b.replace(GENERIC_RE, ' ').trim().replace(/ +/g, ' ');
    if (a === b) return 0.99;
  }
  const ca = a.replace(/ /g, '');
  const cb = b.replace(/ /g, '');
  if (ca === cb) return 0.97;
  const ta = a.split(' ');
  const tb = b.split(' ');
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  let contain = 0;
  if (short.every((tok) => long.includes(tok))) {
    contain = 0.6 + (0.3 * short.join('').length) / long.join('').length;
  }
  return Math.max(dice(ca, cb), contain);
}

/** Removes CEDEX mentions and rewrites "s/" and "Vitry/Seine" as "sur". */
function cleanLocality(name: string): string {
  return name
    .replace(/\bcedex\b.*$/i, ' ')
    .replace(/\bs\s*\/\s*/gi, ' sur ')
    .replace(/(\p{L})\s*\/\s*(\p{L})/gu, '$1 sur $2');
}

/**
 * Best similarity of `key` with place i: its name, its aliases, and, with `viaCommune` (candidates of a
 * postcode), the name of the commune of an arrondissement ("Paris" + 75011 → Paris 11e Arrondissement).
 */
function placeSimilarity(
  idx: SearchIndex,
  key: string,
  i: number,
  aliasesOf: Map<number, number[]>,
  viaCommune = false,
): Best {
  const t = tables();
  let best: Best = { sim: nameSimilarity(key, idx.entryKey[i]!), entry: i };
  for (const e of aliasesOf.get(i) ?? []) {
    const sim = nameSimilarity(key, idx.entryKey[e]!) - 0.01;
    if (sim > best.sim) best = { sim, entry: e };
  }
  const parent = t.parent[i]!;
  if (viaCommune && parent >= 0) {
    const sim = nameSimilarity(key, idx.entryKey[parent]!);
    if (sim > best.sim) best = { sim, entry: i };
  }
  return best;
}

interface Best {
  sim: number;
  entry: number;
}

let aliasMap: Map<number, number[]> | undefined;
onTablesChange(() => {
  index = undefined;
  aliasMap = undefined;
});
function aliasesByPlace(): Map<number, number[]> {
  if (!aliasMap) {
    const t = tables();
    aliasMap = new Map();
    for (let a = 0; a < t.aliasNames.length; a++) {
      const p = t.aliasPlace[a]!;
      const list = aliasMap.get(p);
      if (list) list.push(t.count + a);
      else aliasMap.set(p, [t.count + a]);
    }
  }
  return aliasMap;
}

const finite = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * Resolves the commune (or municipal arrondissement) meant by a postcode and/or a city name written any
 * way, as found in imported records: "VITRY SUR SEINE", "Vitry-sur-Seine", "Vitry/Seine", "Vitry s/ Seine",
 * "St-Denis", "PARIS-11E-ARRONDISSEMENT", "Paris 11ème", former communes ("Pierre-Bénite" → 69149),
 * La Poste localities ("La Plaine Saint-Denis" → Saint-Denis), a postcode as a number (1300 → "01300"),
 * postcodes written in the name ("75011 Paris"), CEDEX mentions.
 *
 * With a known postcode, the best-named of its communes wins (a postcode shared by one commune resolves
 * even with a misspelt name); when the name matches none of them, a commune of that name in the same
 * département is preferred (wrong postcode). Without a usable postcode the name is searched in all of
 * France, homonyms being separated by `departement`, by the département of the postcode, by `lat`/`lon`,
 * then by population. Returns undefined when nothing plausible is found.
 */
export function lookupCommune(query: LocalityQuery, options: LookupOptions = {}): LocalityMatch | undefined {
  const t = tables();
  const idx = getIndex();
  let name = cleanLocality(query.name ?? '');
  let pcText = query.postcode;
  if (typeof pcText === 'string') {
    const m = /(?:^|\D)(\d{2})\s?(\d{3})(?:\D|$)/.exec(pcText);
    pcText = m ? `${m[1]}${m[2]}` : pcText;
  }
  let pc = parsePostcode(pcText);
  const inName = /(?:^|\D)(\d{5})(?:\D|$)/.exec(name);
  if (inName) {
    pc ??= Number(inName[1]);
    name = name.replace(inName[1]!, ' ');
  }
  const key = placeKey(name);
  const near = finite(query.lat) && finite(query.lon) ? { lat: query.lat, lon: query.lon } : undefined;
  // A département: given, or from the postcode (also a CEDEX one), or a postcode field holding only "91".
  const deptOnly = typeof query.postcode === 'string' && /^\s*(\d{2,3}|2[ab])\s*$/i.test(query.postcode);
  const deptHint = query.departement
    ? getDepartement(query.departement)?.code
    : pc !== undefined
      ? departementOfPostcode(pc)?.code
      : deptOnly
        ? getDepartement(String(query.postcode))?.code
        : undefined;
  const aliases = aliasesByPlace();
  const finish = (i: number, confidence: number, matchedBy: LocalityMatch['matchedBy'], entry = i) =>
    result(i, confidence, matchedBy, entry, pc, options);

  const pcCands = pc === undefined ? [] : (postcodeMap().get(pc) ?? []);
  if (pcCands.length > 0) {
    const distinct = pcCands.filter((i) => !(idx.isParent[i] && pcCands.some((j) => t.parent[j] === i)));
    if (key === '') {
      const pick = near ? nearestOf(pcCands, near) : pcCands[0]!;
      return finish(pick, distinct.length === 1 ? 0.9 : near ? 0.6 : 0.4, 'postcode');
    }
    let best: (Best & { i: number }) | undefined;
    for (const i of pcCands) {
      const s = placeSimilarity(idx, key, i, aliases, true);
      if (!best || s.sim > best.sim + 1e-9) best = { ...s, i };
    }
    if (best && best.sim >= 0.5) return finish(best.i, 0.5 + 0.5 * best.sim, 'postcode+name', best.entry);
    // The name matches none of the postcode's communes: a commune of that name in the same département?
    const byName = searchByName(idx, key, deptHint, near);
    if (byName && byName.sim >= 0.85 && byName.inDepartement && deptHint !== undefined) {
      return finish(byName.i, 0.6 * byName.sim, 'name', byName.entry);
    }
    const pick = near ? nearestOf(pcCands, near) : best && best.sim >= 0.3 ? best.i : pcCands[0]!;
    return finish(pick, distinct.length === 1 ? 0.4 : 0.25, 'postcode');
  }
  if (key === '') return undefined;
  const byName = searchByName(idx, key, deptHint, near);
  if (!byName) return undefined;
  let confidence = 0.9 * byName.sim;
  if (byName.homonyms > 0 && !byName.disambiguated) confidence *= 0.6;
  if (!byName.inDepartement) confidence *= 0.5;
  return finish(byName.i, confidence, 'name', byName.entry);
}

function result(
  i: number,
  confidence: number,
  matchedBy: LocalityMatch['matchedBy'],
  entry: number,
  pc: number | undefined,
  options: LookupOptions,
): LocalityMatch {
  const t = tables();
  const idx = getIndex();
  let place = i;
  if (options.arrondissements === false && t.parent[i]! >= 0) place = t.parent[i]!;
  else if (options.arrondissements !== false && idx.isParent[i] && pc !== undefined) {
    // Paris + 75011 → Paris 11e Arrondissement.
    const arr = (postcodeMap().get(pc) ?? []).find((j) => t.parent[j] === i);
    if (arr !== undefined) place = arr;
  }
  const p = placeAt(place);
  const m: { -readonly [K in keyof LocalityMatch]: LocalityMatch[K] } = {
    place: p,
    confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100,
    matchedBy,
  };
  if (pc !== undefined && p.postcodes.includes(formatPostcode(pc))) m.postcode = formatPostcode(pc);
  if (entry >= t.count && t.aliasPlace[entry - t.count] === place) m.alias = t.aliasNames[entry - t.count]!;
  return m;
}

function nearestOf(cands: readonly number[], near: { lat: number; lon: number }): number {
  let best = cands[0]!;
  let bestD = Number.POSITIVE_INFINITY;
  for (const i of cands) {
    const p = placeAt(i);
    if (p.lat === undefined || p.lon === undefined) continue;
    const d = distanceKm(near, { lat: p.lat, lon: p.lon });
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}

interface NameHit extends Best {
  i: number;
  /** Other places about as similar as the best one (homonyms). */
  homonyms: number;
  /** True when the département hint or the position chose among homonyms. */
  disambiguated: boolean;
  /** False when a département hint was given and the place is elsewhere. */
  inDepartement: boolean;
}

/**
 * Best place for a name key anywhere in France: similarity, plus 0.3 in the hinted département, plus up
 * to 0.3 when close to `near`; then population. Names below 0.6 similarity are ignored (0.45 inside the
 * hinted département: "Roissy CDG" → Roissy-en-France).
 */
function searchByName(
  idx: SearchIndex,
  key: string,
  deptHint: string | undefined,
  near: { lat: number; lon: number } | undefined,
): NameHit | undefined {
  const t = tables();
  const toks = key.split(' ');
  // Candidates: entries sharing a word with the key, using the rare words only when there are some.
  const lists = toks
    .map((tok) => {
      const k = lowerBound(idx.tokens, tok);
      return idx.tokens[k] === tok
        ? idx.postEntries.subarray(idx.postStart[k]!, idx.postStart[k + 1]!)
        : new Int32Array(0);
    })
    .filter((l) => l.length > 0)
    .sort((a, b) => a.length - b.length);
  const rare = lists.filter((l) => l.length <= 2000);
  const use = rare.length > 0 ? rare : lists.slice(0, 1);
  const inDept = (i: number) => deptHint !== undefined && t.departements[t.dept[i]!]!.code === deptHint;
  const ranked: { i: number; s: Best; v: number }[] = [];
  const seen = new Set<number>();
  for (const list of use) {
    for (const e of list) {
      const i = idx.entryPlace[e]!;
      if (seen.has(i)) continue;
      seen.add(i);
      const s = placeSimilarity(idx, key, i, aliasesByPlace());
      if (s.sim < (inDept(i) ? 0.45 : 0.6)) continue;
      let v = s.sim + (inDept(i) ? 0.3 : 0);
      if (near && t.hasCoords[i]) {
        const p = placeAt(i);
        v += 0.3 * Math.exp(-distanceKm(near, { lat: p.lat!, lon: p.lon! }) / 30);
      }
      ranked.push({ i, s, v });
    }
  }
  if (ranked.length === 0) return undefined;
  // Scores within 0.02 are a tie, decided by population.
  const top = Math.max(...ranked.map((r) => r.v));
  ranked.sort((a, b) => {
    const ta = a.v >= top - 0.02 ? 0 : 1;
    const tb = b.v >= top - 0.02 ? 0 : 1;
    return ta - tb || (ta === 0 ? idx.popRank[a.i]! - idx.popRank[b.i]! : b.v - a.v);
  });
  const first = ranked[0]!;
  // Homonyms: other places about as similar by name (arrondissements of the same commune excepted).
  const homonyms = ranked.filter(
    (r) =>
      r.i !== first.i &&
      r.s.sim >= first.s.sim - 0.02 &&
      t.parent[r.i] !== first.i &&
      t.parent[first.i] !== r.i,
  );
  return {
    i: first.i,
    sim: first.s.sim,
    entry: first.s.entry,
    homonyms: homonyms.length,
    disambiguated: homonyms.length > 0 && homonyms.every((h) => first.v > h.v + 0.05),
    inDepartement: deptHint === undefined || inDept(first.i),
  };
}

// ------------------------------------------------------------------------------------------ nearest

/**
 * Places whose centre is nearest to a point (approximate reverse geocoding: the nearest centre is not always
 * the commune containing the point). Arrondissements replace Paris, Lyon and Marseille unless
 * `arrondissements` is false.
 */
export function nearestPlaces(
  lat: number,
  lon: number,
  options: { limit?: number; arrondissements?: boolean } = {},
): NearestPlace[] {
  const limit = Math.max(0, Math.floor(options.limit ?? 1));
  if (!finite(lat) || !finite(lon) || limit === 0) return [];
  const t = tables();
  const idx = getIndex();
  const withArr = options.arrondissements !== false;
  const s = t.coordScale;
  const kx = Math.cos((lat * Math.PI) / 180);
  const best: { i: number; d: number }[] = [];
  for (let i = 0; i < t.count; i++) {
    if (!t.hasCoords[i]) continue;
    if (withArr ? idx.isParent[i] : t.parent[i]! >= 0) continue;
    const dy = t.lat[i]! / s - lat;
    const dx = (t.lon[i]! / s - lon) * kx;
    const d = dx * dx + dy * dy;
    if (best.length === limit && d >= best[limit - 1]!.d) continue;
    let k = best.length < limit ? best.length : limit - 1;
    while (k > 0 && best[k - 1]!.d > d) {
      best[k] = best[k - 1]!;
      k--;
    }
    best[k] = { i, d };
  }
  return best.map(({ i }) => {
    const p = placeAt(i);
    return {
      place: p,
      distanceKm: Math.round(distanceKm({ lat, lon }, { lat: p.lat!, lon: p.lon! }) * 1000) / 1000,
    };
  });
}
