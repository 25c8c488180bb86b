/** The labels of facet values in the page's language: concepts, départements, communes of the feed. */
import type { Feed, FeedStore } from '@essaim/sdk';
import type { Lang } from '../../internal/localize.ts';
import { departementLabel } from '../departements.ts';
import type { FacetName } from '../types.ts';

const communeNames = new WeakMap<Feed, Map<string, string>>();
/** The last feed read, to reuse its names for the validated feed that follows a preview. */
let last: { structures: WeakRef<Feed['structures']>; names: Map<string, string> } | undefined;
/**
 * Commune names by COG code, read once per feed from the structures' addresses: the name most of them
 * give (the official one, as the build writes it; a few addresses keep a name as written). The validated
 * feed that replaces a preview with the same records in the same order (as the store keeps its index)
 * reuses the preview's names: one pass over a big feed, not two.
 */
export function communesOf(feed: Feed | undefined): Map<string, string> {
  if (!feed) return new Map();
  let names = communeNames.get(feed);
  const before = last?.structures.deref();
  if (
    !names &&
    before &&
    before.length === feed.structures.length &&
    feed.structures.every((s, i) => s.id === before[i]!.id)
  )
    names = last!.names;
  if (names) communeNames.set(feed, names);
  else {
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
  last = { structures: new WeakRef(feed.structures), names };
  return names;
}

/** A facet value's label (the taxonomy's, a département's, a commune's), else the value given. */
export function valueLabel(
  store: FeedStore | undefined,
  feed: Feed | undefined,
  lang: Lang,
  name: FacetName,
  value: string,
  label?: string,
): string {
  switch (name) {
    case 'family':
      return store?.concept(`families:${value}`)?.label[lang] ?? value;
    case 'legalForms':
      return store?.concept(`legal-forms:${value}`)?.label[lang] ?? value;
    case 'themes':
    case 'publics':
      return store?.concept(value)?.label[lang] ?? label ?? value;
    case 'departement':
      return departementLabel(value);
    case 'commune':
      return communesOf(feed).get(value) ?? value;
    default:
      return label ?? value;
  }
}
