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
import { distanceKm, EARTH_RADIUS_KM } from '@essaim/sdk';
import { align, differentSites, identifierConflict } from './merge-names.ts';

export { jaroWinkler, identifierConflict, nameSimilarity, normalizeName } from './merge-names.ts';
export { houseNumber, mergeKeyOf, mergeStructures } from './merge-records.ts';

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
