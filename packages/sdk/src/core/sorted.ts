/**
 * Sorted arrays: binary search.
 *
 * @module
 */

/** First index of the ascending `sorted` whose value is ≥ `value` (`sorted.length` when none). */
export function lowerBound<T extends string | number>(sorted: ArrayLike<T>, value: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
