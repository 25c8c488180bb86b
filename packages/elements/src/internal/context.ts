import { ContextRoot, createContext } from '@lit/context';
import type { FeedStore } from '@essaim/sdk';

/** The page's feed store, provided by `<ess-feed>` to every Essaim element inside it. */
export const storeContext = createContext<FeedStore | undefined>(Symbol.for('essaim:feed-store'));

let rootAttached = false;
/**
 * A ContextRoot on the document lets an element that upgrades before its `<ess-feed>` (the autoloader
 * loads chunks in any order) still receive the store once the provider upgrades. It only listens to the
 * context protocol's events; it changes nothing else in the host page.
 */
export function ensureContextRoot(): void {
  if (rootAttached || typeof document === 'undefined') return;
  rootAttached = true;
  new ContextRoot().attach(document.documentElement);
}
