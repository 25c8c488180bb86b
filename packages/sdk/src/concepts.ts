/**
 * Taxonomy concepts by id or slug: the one lookup behind `store.concept` and the exports' labels.
 *
 * @module
 */
import type { Concept } from './schema/taxonomy.ts';

/** A concept by id, by `scheme:slug` (current or former slug), or by a bare current or former slug. */
export type ConceptLookup = (idOrSlug: string) => Concept | undefined;

/** Concepts by id and by `scheme:slug` (current and former slugs). */
export function conceptMap(concepts: readonly Concept[]): Map<string, Concept> {
  const index = new Map<string, Concept>();
  for (const c of concepts) {
    index.set(c.id, c);
    index.set(`${c.scheme}:${c.slug}`, c);
    for (const former of c.formerSlugs ?? []) index.set(`${c.scheme}:${former}`, c);
  }
  return index;
}

/** The lookup over `index` (see `conceptMap`); a bare slug is searched for. */
export function lookupIn(index: ReadonlyMap<string, Concept>): ConceptLookup {
  return (idOrSlug) => {
    const direct = index.get(idOrSlug);
    if (direct) return direct;
    for (const c of index.values()) if (c.slug === idOrSlug || c.formerSlugs?.includes(idOrSlug)) return c;
    return undefined;
  };
}

/** The lookup over `concepts` (indexed once). */
export function conceptLookup(concepts: readonly Concept[]): ConceptLookup {
  return lookupIn(conceptMap(concepts));
}
