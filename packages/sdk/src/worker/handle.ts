/**
 * The search indexes a feed worker builds, by the structures they index: the page's store asks here
 * before it builds one itself.
 *
 * @module
 */
import type { IndexData } from '../search/index-data.ts';

export const workerIndexes = /* @__PURE__ */ new WeakMap<readonly object[], () => Promise<IndexData>>();
