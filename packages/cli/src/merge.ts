/**
 * Merging duplicate structures, across sources and within one (Transiscope aggregates several maps, so
 * "Planète Lilas" arrives three times). Pure functions, no I/O: the build feeds them a compact key per
 * record (`MergeKey`), gets clusters back, then merges the full records of each cluster.
 * docs/merging.md explains the rules to publishers, with the `merge` options of the config.
 *
 * When are two structures the same?
 * 0. **Never when their registry numbers differ**: two different SIRETs (two establishments), SIRENs
 *    (a SIRET's first 9 digits) or RNA numbers are two organisations, whatever their names and places,
 *    even through a third record without numbers (the check is made cluster against cluster). Such
 *    matches are kept apart and listed for review (`refused`).
 * 1. **Same SIRET** (the establishment number): always, wherever their coordinates are.
 * 2. **Same name, same place**. Names are normalised (case, accents, punctuation, stop words dropped,
 *    word order kept) and compared word by word: distinctive words in their order (spelling variants
 *    count: "Coeurs"/"Coeur", "Clef"/"Clé"), generic words (association, coopérative, AMAP, housing,
 *    community, energy, France, services…) as a bag that weighs little, so shared generic words never
 *    make two names alike ("Kent Community Energy" / "Wight Community Energy" score 0.37). Two records
 *    match when
 *    - their names are *similar* (score ≥ `nameSimilarity`, 0.85) or one *contains* every word of the
 *      other (its distinctive words in order, one of them at least 4 letters long: "La Petite Rockette"
 *      / "Ressourcerie de la Petite Rockette"), and they are at most `distanceMeters` (50 m) apart
 *      (haversine), unless one name has a word marking a distinct site that the other lacks ("Bus
 *      France services de Vouziers" beside "France services Vouziers", same address), or both their
 *      phone numbers and both their e-mails differ; or
 *    - their names are *identical* and they are at most `sameNameDistanceMeters` (150 m) apart, unless
 *      beyond 50 m their street addresses carry two different house numbers (points of one network:
 *      book boxes of "Circul'Livre" 110 m apart are different places).
 *    Why these figures (measured on the real Transiscope file, every pair within 200 m): the same place
 *    geocoded by two maps lands 30 to 90 m away (Planète Lilas, 78 rue Lemerle Vetter: 32 m between
 *    MES-BDIS and Cap ou pas cap, 86 m to Près de chez nous), so an identical name is trusted up to
 *    150 m. Only-similar names must be closer. On that file the rules merge 286 records (303 with the
 *    former sorted-words rule, whose extra merges were mostly names in another word order, e.g.
 *    "Emmaüs défi Riquet" / "Le magasin Riquet d'Emmaüs Défi": a missed merge is a duplicate card, a
 *    wrong merge loses an organisation). On the France services register (2,845 structures, many
 *    sharing a point) they merge 2 pairs, both identical names at one address.
 * 3. **Same id** (a source that lists one record twice).
 *
 * Clusters are the connected components of these links (union-find). Candidate pairs come from a
 * spatial grid of cells at least `sameNameDistanceMeters` wide: each point is compared only with the
 * points of its own and neighbouring cells, so the work grows with n, not n².
 */
import { distanceKm, EARTH_RADIUS_KM, type Structure } from '@essaim/sdk';

export interface MergeOptions {
  /** Maximum distance for similar names (metres). Default 50. */
  distanceMeters?: number;
  /** Minimum name score (0–1, word order kept, generic words discounted) for similar names. Default 0.85. */
  nameSimilarity?: number;
  /** Maximum distance for identical normalised names (metres). Default 150. */
  sameNameDistanceMeters?: number;
}

export const DEFAULT_MERGE_OPTIONS: Required<MergeOptions> = {
  distanceMeters: 50,
  nameSimilarity: 0.85,
  sameNameDistanceMeters: 150,
};

/** The registry numbers of a structure that say who it is: two different ones are two organisations. */
export interface Identifiers {
  siret?: string | undefined;
  siren?: string | undefined;
  rna?: string | undefined;
}

/** What the merge index holds for one structure: only what matching needs. */
export interface MergeKey extends Identifiers {
  id: string;
  /** Normalised name (see `normalizeName`): its words in their order, joined by one space. */
  name: string;
  lat?: number | undefined;
  lon?: number | undefined;
  /** House number of the street address ("78", "127bis"), when it has one. */
  number?: string | undefined;
  /** Phone number (digits only) and e-mail (lower case), when the record has them. */
  phone?: string | undefined;
  email?: string | undefined;
}

/** Why a record joined its cluster: the link that connected it, with the figures. */
export type MergeReason =
  | { rule: 'same-id' }
  | { rule: 'siret'; siret: string }
  | { rule: 'name-distance'; name: NameMatch; similarity: number; distanceMeters: number };

export interface MergeLink {
  /** Position (in the keys array) of the two linked records. */
  a: number;
  b: number;
  reason: MergeReason;
}

/**
 * A pair that matched by name and distance (or by SIRET, or by id) but was kept apart because the two
 * records, or the clusters they belong to, carry different registry numbers.
 */
export interface MergeRefusal {
  a: number;
  b: number;
  /** What matched. */
  reason: MergeReason;
  /** The identifier that differs and its two values. */
  identifier: keyof Identifiers;
  values: [string, string];
}

// ---------------------------------------------------------------------------------------------------
// Names

/** Words that carry no identity at all in a French (or English) organisation name: dropped. */
const STOP_WORDS = new Set(
  (
    'a au aux avec c d de des du en et l la le les pour par sur un une the of and s chez dans ' +
    'o c/o sa sas sarl sasu eurl ltd limited cic'
  ).split(' '),
);

/**
 * Generic words of ESS names (activities, legal forms, territories): they count for little in the name
 * score (`GENERIC_WEIGHT`), so two names that share only them ("Kent Community Energy" / "Wight
 * Community Energy") do not match; and a name made only of them ("AMAP", "Jardin partagé", "Repair
 * Café") is not distinctive enough to be matched by containment.
 */
const GENERIC_WORDS = new Set(
  (
    'amap jardin jardins partage partagee partages ressourcerie recyclerie epicerie solidaire solidaires ' +
    'sociale social atelier ateliers cafe repair sel collectif boutique magasin centre maison ferme ' +
    'cooperative cooperatives cooperativa coop coops operative reseau paris france idf ile local locale citoyen citoyenne ' +
    'transition bio biocoop velo velos compost espace projet groupe comite club boite livres ' +
    'association associations asso assoc associatif associative scop scic societe company ' +
    'housing community communities energy energie energies services service'
  ).split(' '),
);
const GENERIC_WEIGHT = 0.3;

/**
 * Words that mark a distinct site or service of one organisation ("Bus France services de Vouziers"
 * beside "France services Vouziers" at the same address; "… Agde QPV" beside "… Agde"): a name that has
 * one that the other lacks is another record, whatever the rest of the names.
 */
const SITE_WORDS = new Set(
  (
    'bus camion itinerant itinerante itinerance mobile qpv permanence antenne annexe multisite multisites ' +
    'site'
  ).split(' '),
);

/**
 * Normalises a name for comparison: lower case, no accents, ligatures split, `&` → "et", "co-op(erative)"
 * → "coop(erative)", "(e)s" of inclusive writing dropped, "st"/"ste" → "saint"/"sainte", punctuation to
 * spaces, stop words dropped, one space between words.
 * Word order is kept. If every word is a stop word, they are kept (so "La SA" is not empty).
 */
export function normalizeName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
  const ascii = /^[\x00-\x7f]*$/.test(name);
  const words = (ascii ? name : name.normalize('NFKD').replace(/\p{M}+/gu, ''))
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' et ')
    .replace(/\bco-op(erative)?(s?)\b/g, 'coop$1$2')
    // Inclusive writing: "voisin(e)s", "adhérent·e·s".
    .replace(/\((?:e|es|ne|le|s)\)/g, '')
    .replace(/·(?:e|ne|le)·?/g, '')
    .replace(/\bst(e?)\b/g, 'saint$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return (kept.length ? kept : words).join(' ');
}

/** Jaro-Winkler similarity (0–1) of two strings (prefix scale 0.1, prefix up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedB = new Uint8Array(lb);
  const matchedA = new Uint8Array(la);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (!matchedB[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Two words are spelling variants ("coeurs"/"coeur", "clef"/"cle") at or above this Jaro-Winkler. */
const WORD_SIMILARITY = 0.92;

/** Similarity of two words: 1 when equal, their Jaro-Winkler when variants of each other, else 0. */
function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // Numbers, short words, and words that do not start alike must be equal ("Circul'Livre 12" is not
  // "Circul'Livre 13", "FASTI" is not "ASTI").
  if (/\d/.test(a) || /\d/.test(b) || Math.min(a.length, b.length) < 3 || a[0] !== b[0]) return 0;
  const sim = jaroWinkler(a, b);
  return sim >= WORD_SIMILARITY ? sim : 0;
}

/** How two names' words line up. */
interface Alignment {
  /** Weighted score (0–1): matched weight over the weight of both names. */
  score: number;
  /**
   * Is every word of one name in the other, exactly, its distinctive words in the same order, with at
   * least one distinctive word of 4 letters or more that is not a number?
   */
  contained: boolean;
}

/** The distinctive words of a name in order, and its generic words (all words are distinctive when all are generic). */
function splitWords(words: string[]): { distinct: string[]; generic: string[] } {
  const generic = words.filter((w) => GENERIC_WORDS.has(w));
  if (generic.length === words.length) return { distinct: words, generic: [] };
  return { distinct: words.filter((w) => !GENERIC_WORDS.has(w)), generic };
}

/**
 * Aligns two names: their distinctive words in order (a longest common subsequence where spelling
 * variants count, weight 1 each), their generic words as a bag (exact, weight `GENERIC_WEIGHT` each).
 */
function align(wordsA: string[], wordsB: string[]): Alignment {
  const A = splitWords(wordsA);
  const B = splitWords(wordsB);
  const a = A.distinct;
  const b = B.distinct;
  const n = a.length;
  const m = b.length;
  // credit[i][j]: best credit aligning a[i..] with b[j..]; exact[i][j]: exact matches on that path.
  const credit: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const sim = wordSimilarity(a[i]!, b[j]!);
      const take = sim ? 2 * sim + credit[i + 1]![j + 1]! : 0;
      credit[i]![j] = Math.max(take, credit[i + 1]![j]!, credit[i]![j + 1]!);
    }
  }
  const bag = [...B.generic];
  let genericCredit = 0;
  for (const w of A.generic) {
    const k = bag.indexOf(w);
    if (k >= 0) {
      bag.splice(k, 1);
      genericCredit += 2 * GENERIC_WEIGHT;
    }
  }
  const total = n + m + GENERIC_WEIGHT * (A.generic.length + B.generic.length);
  const score = total ? (credit[0]![0]! + genericCredit) / total : 0;
  return { score, contained: contains(wordsA, A, wordsB, B) || contains(wordsB, B, wordsA, A) };
}

/** Is every word of `small` in `big` (its distinctive words as a subsequence), with a real distinctive word? */
function contains(
  smallWords: string[],
  small: { distinct: string[]; generic: string[] },
  bigWords: string[],
  big: { distinct: string[] },
): boolean {
  if (!small.generic.length && small.distinct.every((w) => GENERIC_WORDS.has(w))) return false;
  if (!small.distinct.some((w) => w.length >= 4 && !/^\d+$/.test(w))) return false;
  if (!small.generic.every((w) => bigWords.includes(w))) return false;
  let k = 0;
  for (const w of big.distinct) if (w === small.distinct[k]) k++;
  return k === small.distinct.length && smallWords.length <= bigWords.length;
}

/**
 * Similarity of two names (0–1): their words aligned in order, spelling variants counted as equal,
 * generic words discounted. 1 for the same normalised name (or the same letters without spaces:
 * "AMAPMontrouge" / "AMAP Montrouge").
 */
export function nameSimilarity(a: string, b: string): number {
  return nameScore(normalizeName(a), normalizeName(b));
}

/** `nameSimilarity` of two normalised names. */
function nameScore(a: string, b: string): number {
  if (a === b || a.replace(/ /g, '') === b.replace(/ /g, '')) return 1;
  return align(a.split(' '), b.split(' ')).score;
}

/** Does one name have a word marking a distinct site or service that the other lacks? */
function differentSites(a: string[], b: string[]): boolean {
  for (const w of a) if (SITE_WORDS.has(w) && !b.includes(w)) return true;
  for (const w of b) if (SITE_WORDS.has(w) && !a.includes(w)) return true;
  return false;
}

/**
 * The first registry number on which two sets of identifiers differ, with both values: SIRET (the
 * establishment), SIREN (the organisation; a SIRET's first 9 digits), RNA (the association register).
 */
export function identifierConflict(
  a: Identifiers,
  b: Identifiers,
): { identifier: keyof Identifiers; values: [string, string] } | undefined {
  if (a.siret && b.siret && a.siret !== b.siret) return { identifier: 'siret', values: [a.siret, b.siret] };
  const sirenA = a.siren ?? a.siret?.slice(0, 9);
  const sirenB = b.siren ?? b.siret?.slice(0, 9);
  if (sirenA && sirenB && sirenA !== sirenB) return { identifier: 'siren', values: [sirenA, sirenB] };
  if (a.rna && b.rna && a.rna !== b.rna) return { identifier: 'rna', values: [a.rna, b.rna] };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Distances and the grid

const M_PER_DEG_LAT = (Math.PI / 180) * EARTH_RADIUS_KM * 1000; // ≈ 111,195 m

/** Great-circle distance in metres (the SDK's `distanceKm`). */
export function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return distanceKm({ lat: lat1, lon: lon1 }, { lat: lat2, lon: lon2 }) * 1000;
}

/**
 * A spatial grid: rows of `cell` metres of latitude; in each row, columns at least `cell` metres wide
 * (their width in degrees grows with the row's latitude). `near()` lists the points of the cells that
 * can hold a point within `cell` metres.
 */
class Grid {
  private readonly cells = new Map<number, number[]>();
  private readonly rowDeg: number;
  constructor(private readonly cell: number) {
    this.rowDeg = cell / M_PER_DEG_LAT;
  }
  private row(lat: number): number {
    return Math.floor((lat + 90) / this.rowDeg);
  }
  /** Column width (degrees of longitude) of a row, using the row's edge farthest from the equator. */
  private colDeg(row: number): number {
    const lo = row * this.rowDeg - 90;
    const far = Math.min(89.9, Math.max(Math.abs(lo), Math.abs(lo + this.rowDeg)));
    return this.cell / (M_PER_DEG_LAT * Math.cos((far * Math.PI) / 180));
  }
  /** A number per cell (rows and columns stay below 2^21 for cells of 10 m or more). */
  private static key(row: number, col: number): number {
    return row * 2_097_152 + col;
  }
  add(i: number, lat: number, lon: number): void {
    const r = this.row(lat);
    const key = Grid.key(r, Math.floor((lon + 180) / this.colDeg(r)));
    const list = this.cells.get(key);
    if (list) list.push(i);
    else this.cells.set(key, [i]);
  }
  /** Calls `visit` with every point that may be within `cell` metres of (lat, lon). */
  near(lat: number, lon: number, visit: (j: number) => void): void {
    const r = this.row(lat);
    const far = Math.min(89.9, Math.abs(lat) + this.rowDeg);
    const dLon = this.cell / (M_PER_DEG_LAT * Math.cos((far * Math.PI) / 180));
    for (let rr = r - 1; rr <= r + 1; rr++) {
      const w = this.colDeg(rr);
      const c0 = Math.floor((lon - dLon + 180) / w);
      const c1 = Math.floor((lon + dLon + 180) / w);
      for (let c = c0; c <= c1; c++) {
        const list = this.cells.get(Grid.key(rr, c));
        if (list) for (const j of list) visit(j);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Finding duplicates

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]!]!;
      i = p[i]!;
    }
    return i;
  }
  /** Joins the sets of a and b; false when they were already one. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    // The smaller index becomes the root, so roots do not depend on the order of the links.
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export type NameMatch = 'identical' | 'similar' | 'contained';

/**
 * Does this pair of keys match by name and distance? Returns the figures when it does. Names match when
 * they are identical (or the same letters without spaces), similar (score ≥ `nameSimilarity`, word order
 * kept, generic words discounted), or when every word of one is in the other, in order, with a
 * distinctive word among them ("La Petite Rockette" / "Ressourcerie de la Petite Rockette"). Never when
 * one name marks a distinct site the other lacks ("Bus …", "… QPV", "… Antenne de …"), nor when both
 * their phone numbers and both their e-mails differ (two buses of one operator, parked at one depot).
 */
export function matchByNameAndDistance(
  a: MergeKey,
  b: MergeKey,
  options: MergeOptions = {},
): { name: NameMatch; similarity: number; distanceMeters: number } | undefined {
  const o = { ...DEFAULT_MERGE_OPTIONS, ...options };
  if (a.lat === undefined || a.lon === undefined || b.lat === undefined || b.lon === undefined) return;
  if (!a.name || !b.name) return;
  const d = haversineMeters(a.lat, a.lon, b.lat, b.lon);
  if (d > Math.max(o.distanceMeters, o.sameNameDistanceMeters)) return;
  const figures = (name: NameMatch, sim: number) => ({
    name,
    similarity: round(sim, 3),
    distanceMeters: round(d, 1),
  });
  if (a.name === b.name) {
    const differentNumbers = a.number && b.number && a.number !== b.number;
    if (d <= o.distanceMeters) return figures('identical', 1);
    // Farther apart, two different house numbers mean two points of one network (book boxes).
    return d <= o.sameNameDistanceMeters && !differentNumbers ? figures('identical', 1) : undefined;
  }
  if (d > o.distanceMeters) return;
  const wa = a.name.split(' ');
  const wb = b.name.split(' ');
  if (differentSites(wa, wb)) return;
  // Names that are not the same and both contacts different: two services of one operator.
  if (a.phone && b.phone && a.phone !== b.phone && a.email && b.email && a.email !== b.email) return;
  if (a.name.replace(/ /g, '') === b.name.replace(/ /g, '')) return figures('similar', 1);
  const al = align(wa, wb);
  if (al.score >= o.nameSimilarity) return figures('similar', al.score);
  if (al.contained) return figures('contained', al.score);
  return undefined;
}

/** What `findDuplicates` found: the links that merge, and the matches kept apart by their identifiers. */
export interface Duplicates {
  links: MergeLink[];
  refused: MergeRefusal[];
}

/**
 * Finds the links between duplicate structures. Each link joins two clusters that were apart (so there
 * are at most n − 1 links, one per merged record). Two clusters are never joined when their registry
 * numbers differ (SIRET, SIREN, RNA), even through a third record that has none: such matches are
 * listed in `refused`. Deterministic: the same keys give the same links.
 */
export function findDuplicates(
  keys: readonly MergeKey[],
  options: MergeOptions = {},
  onProgress?: (done: number) => void,
): Duplicates {
  const o = { ...DEFAULT_MERGE_OPTIONS, ...options };
  const uf = new UnionFind(keys.length);
  // The identifiers of each cluster, held by its root (all its members agree with them).
  const ids = new Map<number, Identifiers>();
  const idsOf = (root: number): Identifiers => ids.get(root) ?? keys[root]!;
  const links: MergeLink[] = [];
  const refused: MergeRefusal[] = [];
  const refusedPairs = new Set<string>();
  const link = (a: number, b: number, reason: MergeReason) => {
    const ra = uf.find(a);
    const rb = uf.find(b);
    if (ra === rb) return;
    const A = idsOf(ra);
    const B = idsOf(rb);
    const conflict = identifierConflict(A, B);
    if (conflict) {
      // Once per pair of clusters: the first match that would have joined them.
      const pair = `${Math.min(ra, rb)}:${Math.max(ra, rb)}`;
      if (!refusedPairs.has(pair)) {
        refusedPairs.add(pair);
        refused.push({ a: Math.min(a, b), b: Math.max(a, b), reason, ...conflict });
      }
      return;
    }
    uf.union(a, b);
    const root = uf.find(a);
    ids.set(root, {
      siret: A.siret ?? B.siret,
      siren: A.siren ?? B.siren ?? (A.siret ?? B.siret)?.slice(0, 9),
      rna: A.rna ?? B.rna,
    });
    links.push({ a: Math.min(a, b), b: Math.max(a, b), reason });
  };
  const byId = new Map<string, number>();
  const bySiret = new Map<string, number>();
  keys.forEach((k, i) => {
    const sameId = byId.get(k.id);
    if (sameId === undefined) byId.set(k.id, i);
    else link(sameId, i, { rule: 'same-id' });
    if (k.siret) {
      const other = bySiret.get(k.siret);
      if (other === undefined) bySiret.set(k.siret, i);
      else link(other, i, { rule: 'siret', siret: k.siret });
    }
  });
  const grid = new Grid(Math.max(o.distanceMeters, o.sameNameDistanceMeters));
  keys.forEach((k, i) => {
    if (k.lat === undefined || k.lon === undefined || !k.name) return;
    if (!Number.isFinite(k.lat) || !Number.isFinite(k.lon)) return;
    grid.near(k.lat, k.lon, (j) => {
      if (uf.find(i) === uf.find(j)) return;
      const m = matchByNameAndDistance(keys[j]!, k, o);
      if (m) link(j, i, { rule: 'name-distance', ...m });
    });
    grid.add(i, k.lat, k.lon);
    if (onProgress && (i & 0x3fff) === 0) onProgress(i);
  });
  return { links, refused };
}

/** The links of `findDuplicates` alone. */
export function findDuplicateLinks(
  keys: readonly MergeKey[],
  options: MergeOptions = {},
  onProgress?: (done: number) => void,
): MergeLink[] {
  return findDuplicates(keys, options, onProgress).links;
}

/** Groups linked records: each cluster lists its members' positions in ascending order. */
export function clustersOf(n: number, links: readonly MergeLink[]): number[][] {
  const uf = new UnionFind(n);
  for (const l of links) uf.union(l.a, l.b);
  const groups = new Map<number, number[]>();
  for (const l of links) {
    for (const i of [l.a, l.b]) {
      const root = uf.find(i);
      let g = groups.get(root);
      if (!g) groups.set(root, (g = []));
      if (!g.includes(i)) g.push(i);
    }
  }
  return [...groups.values()].map((g) => g.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}

// ---------------------------------------------------------------------------------------------------
// Merging records

type Contacts = NonNullable<Structure['contacts']>;
type Accessibility = NonNullable<Structure['accessibility']>;

/** Number of defined leaf values in an object (how complete it is). */
function richness(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + richness(v), 0);
  if (typeof value === 'object') {
    let n = 0;
    for (const v of Object.values(value)) n += richness(v);
    return n;
  }
  return 1;
}

function union<T>(lists: Array<T[] | undefined>): T[] | undefined {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const v of list ?? []) {
      const key = typeof v === 'string' ? v : JSON.stringify(v);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(v);
    }
  }
  return out.length ? out : undefined;
}

function first<T>(values: Array<T | undefined>): T | undefined {
  for (const v of values) if (v !== undefined && v !== null && v !== '') return v;
  return undefined;
}

function longest(values: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const v of values) if (v?.trim() && (!best || v.trim().length > best.trim().length)) best = v;
  return best;
}

const time = (d: string | undefined) => (d ? Date.parse(d.length === 10 ? `${d}T00:00:00Z` : d) : Number.NaN);

function latest(values: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const v of values) if (v && (!best || time(v) > time(best))) best = v;
  return best;
}

function earliest(values: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const v of values) if (v && (!best || time(v) < time(best))) best = v;
  return best;
}

function mergeContacts(list: Array<Contacts | undefined>): Contacts | undefined {
  const phone = first(list.map((c) => c?.phone));
  const phones = union([
    ...list.map((c) => c?.phones),
    list.map((c) => c?.phone).filter((p): p is string => Boolean(p) && p !== phone),
  ])?.filter((p) => p !== phone);
  const out: Contacts = {
    phone,
    phones: phones?.length ? phones : undefined,
    email: first(list.map((c) => c?.email)),
    website: first(list.map((c) => c?.website)),
    socials: union(list.map((c) => c?.socials)),
  };
  return compact(out);
}

function mergeAccessibility(list: Array<Accessibility | undefined>): Accessibility | undefined {
  const out: Record<string, unknown> = {};
  for (const a of list) {
    for (const [k, v] of Object.entries(a ?? {})) if (out[k] === undefined && v !== undefined) out[k] = v;
  }
  return compact(out as Accessibility);
}

function compact<T extends object>(o: T): T | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

/**
 * Merges the records of one cluster into one. `records` are in priority order: the first is the record
 * that keeps its id (the build puts first the record of the source listed first in the config, then the
 * smallest id, so ids stay stable when a richer source is added later). The rule, field by field:
 *
 * - `id`, `name`, `family` (unless "autre"), `url`, contact `phone`/`email`/`website`: the first defined
 *   value in priority order; the other names go to `alternateNames`, the other phone numbers to
 *   `contacts.phones`;
 * - `siret`/`siren`/`rna`: the one value the cluster has (records whose numbers differ are never
 *   merged, and this function throws if asked to), so no identifier is lost;
 * - `description`, `openingHours`, `openingHoursText`: the longest (the most detailed);
 * - `address`: the most complete address (most fields filled), whole, so street, postcode and codes stay
 *   consistent; `geo`: the point of the record that gave the address, else the first point;
 * - lists (`themes`, `publics`, `legalForms`, `networks`, `keywords`, `images`, `alternateNames`,
 *   `contacts.phones`/`socials`): the union, in order of first appearance;
 * - `accessibility`: field by field, the first defined value;
 * - `provenance`: every source of every record (no duplicate source + local id);
 * - `createdAt`: the earliest; `updatedAt`: the latest.
 */
export function mergeStructures(records: readonly Structure[]): Structure {
  const [kept] = records;
  if (!kept) throw new Error('mergeStructures: no record');
  if (records.length === 1) return kept;
  for (const r of records.slice(1)) {
    const conflict = records.map((x) => identifierConflict(x, r)).find(Boolean);
    if (conflict) {
      throw new Error(
        `mergeStructures: ${r.id} has another ${conflict.identifier} (${conflict.values.join(' ≠ ')}): two organisations`,
      );
    }
  }
  const names = union(records.map((r) => [r.name, ...(r.alternateNames ?? [])]))!;
  const name = kept.name;
  let addressFrom: Structure | undefined;
  for (const r of records) if (richness(r.address) > richness(addressFrom?.address)) addressFrom = r;
  const family = first(records.map((r) => (r.family === 'autre' ? undefined : r.family))) ?? kept.family;
  const provenance: Structure['provenance'] = [];
  const seen = new Set<string>();
  for (const p of records.flatMap((r) => r.provenance)) {
    const key = `${p.source}\u0000${p.localId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    provenance.push(p);
  }
  const merged: Structure = {
    id: kept.id,
    name,
    alternateNames: names.filter((n) => n !== name).length ? names.filter((n) => n !== name) : undefined,
    description: longest(records.map((r) => r.description)),
    family,
    legalForms: union(records.map((r) => r.legalForms)),
    siret: first(records.map((r) => r.siret)),
    siren: first(records.map((r) => r.siren)),
    rna: first(records.map((r) => r.rna)),
    themes: union(records.map((r) => r.themes)),
    publics: union(records.map((r) => r.publics)),
    networks: union(records.map((r) => r.networks)),
    keywords: union(records.map((r) => r.keywords)),
    address: addressFrom?.address,
    geo: addressFrom?.geo ?? first(records.map((r) => r.geo)),
    contacts: mergeContacts(records.map((r) => r.contacts)),
    openingHours: longest(records.map((r) => r.openingHours)),
    openingHoursText: longest(records.map((r) => r.openingHoursText)),
    accessibility: mergeAccessibility(records.map((r) => r.accessibility)),
    images: union(records.map((r) => r.images)),
    provenance,
    createdAt: earliest(records.map((r) => r.createdAt)),
    updatedAt: latest(records.map((r) => r.updatedAt)) ?? kept.updatedAt,
    url: first(records.map((r) => r.url)),
  };
  return compact(merged)!;
}

/** The merge key of a structure. */
export function mergeKeyOf(s: Structure): MergeKey {
  return {
    id: s.id,
    name: normalizeName(s.name),
    siret: s.siret,
    siren: s.siren,
    rna: s.rna,
    lat: s.geo?.lat,
    lon: s.geo?.lon,
    number: houseNumber(s.address?.street),
    phone: s.contacts?.phone?.replace(/\D+/g, '') || undefined,
    email: s.contacts?.email?.trim().toLowerCase() || undefined,
  };
}

/** The house number at the start of a street address: "78 rue …" → "78", "127 bis rue …" → "127bis". */
export function houseNumber(street: string | undefined): string | undefined {
  const m = street?.trim().match(/^(\d+)\s*(bis|ter|quater|[a-d](?![a-z]))?/i);
  return m ? `${m[1]}${(m[2] ?? '').toLowerCase()}` : undefined;
}
