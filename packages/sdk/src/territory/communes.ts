/**
 * The communes of a territory where the feed has structures, with their centre, for a map of
 * proportional symbols and its list equivalent.
 */
import type { Feed } from '../feed.ts';
import type { PlacesModule } from '../places/load.ts';
import { tally } from './counts.ts';
import type { TerritoryRef } from './types.ts';

/** A commune (or municipal arrondissement) of the territory and its structures in the feed. */
export interface CommuneCount {
  /** INSEE code, as the records carry it (`address.cog.commune`). */
  readonly code: string;
  /** Official name (`null` without `places`, or for a code it does not know). */
  readonly name: string | null;
  readonly structures: number;
  /** Centre (La Poste, WGS 84); `null` when unknown. */
  readonly lat: number | null;
  readonly lon: number | null;
}

export interface TerritoryCommunes {
  /** Communes with at least one structure, most first (ties by code). */
  readonly items: readonly CommuneCount[];
  /** Structures of the territory with no commune code (on no symbol). */
  readonly withoutCommune: number;
  /** Structures in communes whose centre is unknown (listed, not drawn). */
  readonly withoutPosition: number;
}

/**
 * The structures of the feed in a territory, counted by commune (`address.cog.commune`), with each
 * commune's name and centre from `places`. The same records as `territoryProfile()` counts: those whose
 * `address.cog` carries the territory's code at its level.
 */
export function territoryCommunes(
  feed: Pick<Feed, 'structures'>,
  territory: TerritoryRef,
  places?: PlacesModule,
): TerritoryCommunes {
  const code = territory.code.trim().toUpperCase();
  const counts = new Map<string, number>();
  let withoutCommune = 0;
  for (const s of feed.structures) {
    const cog = s.address?.cog;
    if (cog?.[territory.level] !== code) continue;
    if (cog.commune) tally(counts, cog.commune);
    else withoutCommune++;
  }
  let withoutPosition = 0;
  const items: CommuneCount[] = [];
  for (const [c, structures] of counts) {
    const p = places?.getCommune(c);
    const lat = p?.lat ?? null;
    const lon = p?.lon ?? null;
    if (lat === null || lon === null) withoutPosition += structures;
    items.push({ code: c, name: p?.name ?? null, structures, lat, lon });
  }
  items.sort((a, b) => b.structures - a.structures || (a.code < b.code ? -1 : 1));
  return { items, withoutCommune, withoutPosition };
}
