/**
 * Text codec for the generated places data (shared by the build script, which encodes, and the runtime,
 * which decodes, so that both always agree on the alphabet).
 *
 * Integers are written as self-delimiting base-45 "varints" over printable ASCII: every digit but the
 * last comes from the CONTINUE half of the alphabet, the last one from the FINAL half. No separators are
 * needed, small numbers take one character, and the text stays valid inside a double-quoted JS string
 * (the alphabet excludes `"`, `\`, `<` and the backquote, so the module can also be inlined in HTML).
 * Signed values are zigzag-mapped first (0, -1, 1, -2 … → 0, 1, 2, 3 …).
 */

const ALPHABET = (() => {
  let s = '';
  for (let c = 0x21; c < 0x7f; c++) {
    const ch = String.fromCharCode(c);
    if (ch !== '"' && ch !== '\\' && ch !== '<' && ch !== '`') s += ch;
  }
  return s;
})();

/** Number of digit values: half of the 90-character alphabet. */
export const BASE = ALPHABET.length / 2;

const FINAL = ALPHABET.slice(0, BASE);
const CONTINUE = ALPHABET.slice(BASE);

/** charCode → digit value, with the "final digit" flag in bit 7 (-1 for characters outside the alphabet). */
const DIGIT = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < BASE; i++) {
    t[FINAL.charCodeAt(i)] = i | 0x80;
    t[CONTINUE.charCodeAt(i)] = i;
  }
  return t;
})();

/** Encodes a non-negative safe integer. */
export function encodeUint(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`encodeUint: ${n} is not a non-negative integer`);
  let out = FINAL[n % BASE]!;
  n = Math.floor(n / BASE);
  while (n > 0) {
    out = CONTINUE[n % BASE]! + out;
    n = Math.floor(n / BASE);
  }
  return out;
}

/** Zigzag mapping of a signed integer to a non-negative one. */
export const zigzag = (n: number): number => (n < 0 ? -2 * n - 1 : 2 * n);
/** Inverse of {@link zigzag}. */
export const unzigzag = (n: number): number => (n % 2 === 1 ? -(n + 1) / 2 : n / 2);

/** Encodes a signed integer (zigzag + varint). */
export const encodeInt = (n: number): string => encodeUint(zigzag(n));

/**
 * Symbols that start each front-coded name: the index of the symbol is the number of leading characters
 * shared with the previous name. None of them occurs in a French place name.
 */
export const NAME_PREFIX = '!#$%&*+,./:;=>?@[]^_{}~';

const PREFIX_OF = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < NAME_PREFIX.length; i++) t[NAME_PREFIX.charCodeAt(i)] = i;
  return t;
})();

/** Decodes a list of front-coded names (see {@link NAME_PREFIX}). */
export function decodeFrontCoded(text: string): string[] {
  const out: string[] = [];
  let prev = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    const shared = c < 128 ? PREFIX_OF[c]! : -1;
    if (shared < 0) throw new Error(`places data: bad name prefix at ${i}`);
    let j = i + 1;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d < 128 && PREFIX_OF[d]! >= 0) break;
    }
    prev = shared === 0 ? text.slice(i + 1, j) : prev.slice(0, shared) + text.slice(i + 1, j);
    out.push(prev);
    i = j;
  }
  return out;
}

/** Sequential reader over a varint string. */
export class VarintReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  /** True when every character has been consumed. */
  get done(): boolean {
    return this.pos >= this.text.length;
  }

  uint(): number {
    const text = this.text;
    let n = 0;
    for (;;) {
      const d = DIGIT[text.charCodeAt(this.pos++)] ?? -1;
      if (d < 0) throw new Error(`places data: bad varint at ${this.pos - 1}`);
      if (d & 0x80) return n * BASE + (d & 0x7f);
      n = n * BASE + d;
    }
  }

  int(): number {
    return unzigzag(this.uint());
  }
}

/**
 * Predicts the EPCI of a place from the EPCIs of the places already seen with the same postcodes: the
 * candidates are ranked by number of occurrences, then by EPCI index. Values are EPCI indexes, -1 = none.
 * Postcodes are given as a range [start, end) of an array.
 */
export class EpciPredictor {
  /** Postcode (0…99999) → index in `lists`, -1 when unseen. */
  private readonly slot = new Int32Array(100_000).fill(-1);
  /** Per postcode: [value, count, value, count…], kept in rank order. */
  private readonly lists: number[][] = [];
  private static readonly EMPTY: number[] = [];

  private list(pc: number): number[] | undefined {
    const s = this.slot[pc]!;
    return s < 0 ? undefined : this.lists[s];
  }

  /** Candidates in rank order, as [value, count…] pairs (shared: do not modify). */
  private ranked(pcs: ArrayLike<number>, start: number, end: number): number[] {
    if (end - start === 1) return this.list(pcs[start]!) ?? EpciPredictor.EMPTY;
    const merged: number[] = [];
    for (let k = start; k < end; k++) {
      const m = this.list(pcs[k]!);
      if (!m) continue;
      for (let j = 0; j < m.length; j += 2) {
        let at = 0;
        while (at < merged.length && merged[at] !== m[j]) at += 2;
        if (at < merged.length) merged[at + 1]! += m[j + 1]!;
        else merged.push(m[j]!, m[j + 1]!);
      }
    }
    const order: number[] = [];
    for (let j = 0; j < merged.length; j += 2) order.push(j);
    order.sort((x, y) => merged[y + 1]! - merged[x + 1]! || merged[x]! - merged[y]!);
    const out: number[] = [];
    for (const j of order) out.push(merged[j]!, merged[j + 1]!);
    return out;
  }

  /** Rank (0-based) of `value` among the candidates, -1 when it is not one. */
  rank(pcs: ArrayLike<number>, start: number, end: number, value: number): number {
    const r = this.ranked(pcs, start, end);
    for (let j = 0; j < r.length; j += 2) if (r[j] === value) return j / 2;
    return -1;
  }

  /** Candidate at a rank. */
  candidate(pcs: ArrayLike<number>, start: number, end: number, rank: number): number {
    const v = this.ranked(pcs, start, end)[2 * rank];
    if (v === undefined) throw new Error('places data: bad EPCI rank');
    return v;
  }

  add(pcs: ArrayLike<number>, start: number, end: number, value: number): void {
    for (let k = start; k < end; k++) {
      const pc = pcs[k]!;
      let m = this.list(pc);
      if (!m) {
        this.slot[pc] = this.lists.length;
        this.lists.push((m = []));
      }
      let at = 0;
      while (at < m.length && m[at] !== value) at += 2;
      if (at === m.length) m.push(value, 0);
      const count = ++m[at + 1]!;
      // Move up while the previous pair ranks lower (fewer occurrences, or as many and a larger value).
      while (at > 0 && (m[at - 1]! < count || (m[at - 1] === count && m[at - 2]! > value))) {
        m[at] = m[at - 2]!;
        m[at + 1] = m[at - 1]!;
        at -= 2;
      }
      m[at] = value;
      m[at + 1] = count;
    }
  }
}

/** Move-to-front list of values: `position(v)` is the number of distinct values used more recently than v. */
export class RecencyList {
  private readonly list: number[] = [];

  /** Moves (or adds) a value to the front; O(position). */
  touch(value: number): void {
    const list = this.list;
    let p = list.indexOf(value);
    if (p < 0) p = list.length;
    for (; p > 0; p--) list[p] = list[p - 1]!;
    list[0] = value;
  }

  /** Position of a value (0 = most recent; the length of the list when never used). */
  position(value: number): number {
    const p = this.list.indexOf(value);
    return p < 0 ? this.list.length : p;
  }

  /** The value at a position. */
  at(position: number): number {
    const v = this.list[position];
    if (v === undefined) throw new Error('places data: bad recency position');
    return v;
  }
}

/**
 * Predicts the coordinates of a place (integers) as the mean of the places already seen with the same
 * first postcode and EPCI, else the same first postcode, else the same EPCI, else the previous place.
 * `postcode` is 0 when the place has none; `epci` is -1 when it has none. After `predict`, the prediction
 * is in `lat` and `lon`.
 */
export class CoordPredictor {
  lat = 0;
  lon = 0;
  /** Sums per slot: lat, lon, count. */
  private readonly sums: number[] = [];
  /** Postcode → slot (-1 = none yet); EPCI + 1 → slot. */
  private readonly byPostcode = new Int32Array(100_000).fill(-1);
  private readonly byEpci: number[] = [];
  /** Postcode → first node of a linked list of (epci, slot, next) nodes in `nodes`. */
  private readonly bothHead = new Int32Array(100_000).fill(-1);
  private readonly nodes: number[] = [];
  private prevLat = 0;
  private prevLon = 0;

  private bothSlot(postcode: number, epci: number): number {
    for (let n = this.bothHead[postcode]!; n >= 0; n = this.nodes[n + 2]!) {
      if (this.nodes[n] === epci) return this.nodes[n + 1]!;
    }
    return -1;
  }

  predict(postcode: number, epci: number): void {
    let slot = this.bothSlot(postcode, epci);
    if (slot < 0) slot = this.byPostcode[postcode]!;
    if (slot < 0) slot = this.byEpci[epci + 1] ?? -1;
    if (slot < 0) {
      this.lat = this.prevLat;
      this.lon = this.prevLon;
    } else {
      const n = this.sums[slot + 2]!;
      this.lat = Math.round(this.sums[slot]! / n);
      this.lon = Math.round(this.sums[slot + 1]! / n);
    }
  }

  add(postcode: number, epci: number, lat: number, lon: number): void {
    let slot = this.bothSlot(postcode, epci);
    if (slot < 0) {
      slot = this.newSlot();
      this.nodes.push(epci, slot, this.bothHead[postcode]!);
      this.bothHead[postcode] = this.nodes.length - 3;
    }
    this.addTo(slot, lat, lon);
    slot = this.byPostcode[postcode]!;
    if (slot < 0) this.byPostcode[postcode] = slot = this.newSlot();
    this.addTo(slot, lat, lon);
    slot = this.byEpci[epci + 1] ?? -1;
    if (slot < 0) this.byEpci[epci + 1] = slot = this.newSlot();
    this.addTo(slot, lat, lon);
    this.prevLat = lat;
    this.prevLon = lon;
  }

  private newSlot(): number {
    this.sums.push(0, 0, 0);
    return this.sums.length - 3;
  }

  private addTo(slot: number, lat: number, lon: number): void {
    this.sums[slot]! += lat;
    this.sums[slot + 1]! += lon;
    this.sums[slot + 2]!++;
  }
}
