/**
 * Canonical forms of the query parts the search and agenda connectors share (facet selections, territory
 * scope, reference point), so that two queries with the same meaning compare equal and no-op actions are
 * detected. Empty parts are dropped; value lists are deduplicated and sorted.
 */

export function cleanList(values: readonly string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  return [...new Set(values)].sort();
}

/** A facet selection keeping only the known facets that have values, in `names` order. */
export function cleanSelection<N extends string>(
  names: readonly N[],
  selection: Partial<Record<N, readonly string[]>> | undefined,
): Partial<Record<N, string[]>> | undefined {
  if (!selection) return undefined;
  const out: Partial<Record<N, string[]>> = {};
  let any = false;
  for (const name of names) {
    const v = cleanList(selection[name]);
    if (v) {
      out[name] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}

const TERRITORY_KEYS = ['regions', 'departements', 'epcis', 'communes'] as const;
type Territory = Partial<Record<(typeof TERRITORY_KEYS)[number], readonly string[]>>;

export function cleanTerritory(territory: Territory | undefined): Record<string, string[]> | undefined {
  return cleanSelection(TERRITORY_KEYS, territory) as Record<string, string[]> | undefined;
}

export function cleanNear<P extends { lat: number; lon: number; radiusKm?: number }>(near: P | undefined) {
  if (!near) return undefined;
  const { lat, lon, radiusKm } = near;
  return radiusKm === undefined ? { lat, lon } : { lat, lon, radiusKm };
}
