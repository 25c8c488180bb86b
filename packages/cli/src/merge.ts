/**
 * Merging duplicate structures, across sources and within one (Transiscope aggregates several maps, so
 * "Planète Lilas" arrives three times). Pure functions, no I/O: the build feeds them a compact key per
 * record (`MergeKey`), gets clusters back, then merges the full records of each cluster.
 *
 * When are two structures the same?
 * 1. **Same SIRET** (the establishment number): always, wherever their coordinates are.
 * 2. **Same name, same place**. Names are normalised (case, accents, punctuation, stop words and
 *    legal-form words dropped, words sorted) and compared with Jaro-Winkler. Two records match when
 *    - their names are *similar* (similarity ≥ `nameSimilarity`, 0.92) or one *contains* every word of
 *      the other with at least one distinctive word ("La Petite Rockette" / "Ressourcerie de la Petite
 *      Rockette"), and they are at most `distanceMeters` (50 m) apart (haversine); or
 *    - their names are *identical* and they are at most `sameNameDistanceMeters` (150 m) apart, unless
 *      beyond 50 m their street addresses carry two different house numbers (points of one network:
 *      book boxes of "Circul'Livre" 110 m apart are different places).
 *    Why these figures (measured on the real Transiscope file, every pair within 200 m): the same place
 *    geocoded by two maps lands 30 to 90 m away (Planète Lilas, 78 rue Lemerle Vetter: 32 m between
 *    MES-BDIS and Cap ou pas cap, 86 m to Près de chez nous), so an identical name is trusted up to
 *    150 m. Only-similar names must be closer: at or above 0.92 within 50 m the pairs are spelling
 *    variants of one structure ("AMAP Coeurs d'artichaut" / "AMAP Coeur d'artichaut", "Régie de
 *    Quartier de Bezons" / "Régie des quartiers de Bezons"); below, different neighbours appear
 *    ("Alternacom" / "Alterauto" 0.90 at 0 m, "Jardins de Beaugrenelle" / "Exki Beaugrenelle" 0.905),
 *    and different shops at one address stay apart ("Biocoop Lilas" / "Boulangerie Lilas").
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
  /** Minimum Jaro-Winkler similarity of normalised names (0–1). Default 0.92. */
  nameSimilarity?: number;
  /** Maximum distance for identical normalised names (metres). Default 150. */
  sameNameDistanceMeters?: number;
}

export const DEFAULT_MERGE_OPTIONS: Required<MergeOptions> = {
  distanceMeters: 50,
  nameSimilarity: 0.92,
  sameNameDistanceMeters: 150,
};

/** What the merge index holds for one structure: only what matching needs. */
export interface MergeKey {
  id: string;
  /** Normalised name (see `normalizeName`), tokens sorted and joined by one space. */
  name: string;
  siret?: string | undefined;
  lat?: number | undefined;
  lon?: number | undefined;
  /** House number of the street address ("78", "127bis"), when it has one. */
  number?: string | undefined;
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

// ---------------------------------------------------------------------------------------------------
// Names

/** Words that carry no identity in a French (or English) organisation name. */
const STOP_WORDS = new Set(
  (
    'a au aux avec c d de des du en et l la le les pour par sur un une the of and s chez dans ' +
    'sa sas sarl sasu eurl scop scic association asso assoc'
  ).split(' '),
);

/**
 * Normalises a name for comparison: lower case, no accents, ligatures split, `&` → "et", punctuation
 * to spaces, stop words and legal-form words dropped, words sorted (word order does not matter), one
 * space between words. If every word is a stop word, they are kept (so "La Scop" is not empty).
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
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return [...new Set(kept.length ? kept : words)].sort().join(' ');
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

/** Similarity of two names (0–1), on their normalised forms. */
export function nameSimilarity(a: string, b: string): number {
  return jaroWinkler(normalizeName(a), normalizeName(b));
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

/**
 * Generic words of ESS names: a name made only of these ("AMAP", "Jardin partagé", "Repair Café") is
 * not distinctive enough to be matched by containment.
 */
const GENERIC_WORDS = new Set(
  (
    'amap jardin jardins partage partagee partages ressourcerie recyclerie epicerie solidaire solidaires ' +
    'sociale social atelier ateliers cafe repair sel collectif boutique magasin centre maison ferme ' +
    'cooperative coop reseau paris france idf ile local locale citoyen citoyenne transition bio biocoop ' +
    'velo velos compost espace projet groupe comite club boite livres'
  ).split(' '),
);

/** Is every word of the shorter name in the longer one, with at least one distinctive word? */
function contained(a: string, b: string): boolean {
  const [small, big] = a.length <= b.length ? [a, b] : [b, a];
  const words = small.split(' ');
  const others = new Set(big.split(' '));
  if (!words.every((w) => others.has(w))) return false;
  return words.some((w) => w.length >= 4 && !GENERIC_WORDS.has(w) && !/^\d+$/.test(w));
}

export type NameMatch = 'identical' | 'similar' | 'contained';

/** Does this pair of keys match by name and distance? Returns the figures when it does. */
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
    if (d <= o.distanceMeters) return figures('identical', 1);
    // Farther apart, two different house numbers mean two points of one network (book boxes).
    const differentNumbers = a.number && b.number && a.number !== b.number;
    return d <= o.sameNameDistanceMeters && !differentNumbers ? figures('identical', 1) : undefined;
  }
  if (d > o.distanceMeters) return;
  const sim = jaroWinkler(a.name, b.name);
  if (sim >= o.nameSimilarity) return figures('similar', sim);
  if (contained(a.name, b.name)) return figures('contained', sim);
  return undefined;
}

/**
 * Finds the links between duplicate structures. Each link joins two clusters that were apart (so there
 * are at most n − 1 links, one per merged record). Deterministic: the same keys give the same links.
 */
export function findDuplicateLinks(
  keys: readonly MergeKey[],
  options: MergeOptions = {},
  onProgress?: (done: number) => void,
): MergeLink[] {
  const o = { ...DEFAULT_MERGE_OPTIONS, ...options };
  const uf = new UnionFind(keys.length);
  const links: MergeLink[] = [];
  const link = (a: number, b: number, reason: MergeReason) => {
    if (uf.union(a, b)) links.push({ a: Math.min(a, b), b: Math.max(a, b), reason });
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
  return links;
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
 * - `id`, `name`, `family` (unless "autre"), `siret`/`siren`/`rna`, `url`, contact `phone`/`email`/
 *   `website`: the first defined value in priority order; the other names go to `alternateNames`, the
 *   other phone numbers to `contacts.phones`;
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
    lat: s.geo?.lat,
    lon: s.geo?.lon,
    number: houseNumber(s.address?.street),
  };
}

/** The house number at the start of a street address: "78 rue …" → "78", "127 bis rue …" → "127bis". */
export function houseNumber(street: string | undefined): string | undefined {
  const m = street?.trim().match(/^(\d+)\s*(bis|ter|quater|[a-d](?![a-z]))?/i);
  return m ? `${m[1]}${(m[2] ?? '').toLowerCase()}` : undefined;
}
