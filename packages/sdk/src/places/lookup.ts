/**
 * Fuzzy resolution of a postcode and a city name written any way (lookupCommune), and the name
 * similarity it ranks candidates by.
 *
 * @module
 */
import { distanceKm } from '../core/geo.ts';
import { lowerBound } from '../core/sorted.ts';
import { placeKey } from './keys.ts';
import { getIndex, type SearchIndex } from './search-index.ts';
import {
  departementOfPostcode,
  formatPostcode,
  getDepartement,
  onTablesChange,
  parsePostcode,
  placeAt,
  postcodeMap,
  tables,
} from './store.ts';
import type { LocalityMatch, LocalityQuery, LookupOptions } from './types.ts';

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

export const finite = (n: number | null | undefined): n is number =>
  typeof n === 'number' && Number.isFinite(n);

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
