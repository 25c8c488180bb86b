/** The labels of facet values in the page's language: concepts, départements, communes of the feed. */
import type { Feed, FeedStore } from '@essaim/sdk';
import type { Lang } from '../../internal/localize.ts';
import { departementLabel } from '../departements.ts';
import type { FacetName } from '../types.ts';

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
