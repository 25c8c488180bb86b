/**
 * Autocomplete over places (searchPlaces), on the search index of `search-index.ts`.
 *
 * @module
 */
import { normalizeText } from '../text/normalize.ts';
import { lowerBound } from '../core/sorted.ts';
import { TopK } from '../core/top-k.ts';
import { ABBREVIATIONS, canonicalToken } from './keys.ts';
import { getIndex, type SearchIndex, tokenRange } from './search-index.ts';
import { formatPostcode, getDepartement, indexOfCode, placeAt, postcodeNumbers, tables } from './store.ts';
import type { Place, PlaceMatch, SearchOptions } from './types.ts';

let generation = 0;

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
