/** The communes' names of the commune facet, read from the feed (its structures' addresses). */
import type { Feed } from '@essaim/sdk';

const communeNames = new WeakMap<Feed, Map<string, string>>();
/**
 * Commune names by COG code, read once per feed from the structures' addresses: the name most of them
 * give (the official one, as the build writes it; a few addresses keep a name as written).
 */
export function communesOf(feed: Feed | undefined): Map<string, string> {
  if (!feed) return new Map();
  let names = communeNames.get(feed);
  if (!names) {
    const counts = new Map<string, Map<string, number>>();
    for (const s of feed.structures) {
      const code = s.address?.cog?.commune;
      const name = s.address?.commune;
      if (!code || !name) continue;
      let c = counts.get(code);
      if (!c) counts.set(code, (c = new Map()));
      c.set(name, (c.get(name) ?? 0) + 1);
    }
    names = new Map();
    for (const [code, c] of counts) {
      let best = '';
      let n = 0;
      for (const [name, k] of c) if (k > n) [best, n] = [name, k];
      names.set(code, best);
    }
    communeNames.set(feed, names);
  }
  return names;
}
