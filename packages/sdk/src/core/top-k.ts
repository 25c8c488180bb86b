/**
 * Top-k selection: the `k` best of many without sorting them all.
 *
 * @module
 */

/**
 * The `k` best records by (key ascending, record ascending), from records fed to `push`. A max-heap of
 * the k best so far; its root is the worst of them.
 */
export class TopK {
  readonly keys: Float64Array;
  readonly docs: Uint32Array;
  size = 0;
  constructor(readonly k: number) {
    this.keys = new Float64Array(k);
    this.docs = new Uint32Array(k);
  }
  push(d: number, key: number): void {
    const { keys, docs, k } = this;
    if (this.size < k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        const kp = keys[p]!;
        if (key > kp || (key === kp && d > docs[p]!)) {
          keys[i] = kp;
          docs[i] = docs[p]!;
          i = p;
        } else break;
      }
      keys[i] = key;
      docs[i] = d;
      return;
    }
    const k0 = keys[0]!;
    if (key > k0 || (key === k0 && d > docs[0]!)) return;
    let i = 0;
    const size = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      let c = l;
      const r = l + 1;
      if (r < size) {
        const kl = keys[l]!;
        const kr = keys[r]!;
        if (kr > kl || (kr === kl && docs[r]! > docs[l]!)) c = r;
      }
      const kc = keys[c]!;
      if (kc > key || (kc === key && docs[c]! > d)) {
        keys[i] = kc;
        docs[i] = docs[c]!;
        i = c;
      } else break;
    }
    keys[i] = key;
    docs[i] = d;
  }
  /** Records in order. */
  sorted(): number[] {
    const idx = Array.from({ length: this.size }, (_, i) => i);
    const { keys, docs } = this;
    idx.sort((a, b) => keys[a]! - keys[b]! || docs[a]! - docs[b]!);
    return idx.map((i) => docs[i]!);
  }
}
