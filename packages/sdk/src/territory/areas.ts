/**
 * What the places data (`@essaim/sdk/places`) says of a territory: its communes, name, population and
 * parent, and the rate per 10,000 inhabitants.
 */
import type { PlacesModule } from '../places/load.ts';
import type { Place } from '../places/types.ts';
import type { Structure } from '../schema/structure.ts';
import type { TerritoryLevel, TerritoryRef } from './types.ts';

/**
 * Where the populations come from: INSEE's population municipale as shipped by
 * `@etalab/decoupage-administratif` 6.0.0 (COG 2026), i.e. the populations légales of 2023 in force on
 * 1 January 2026 (the package's README cites INSEE's "Population légale" page 8680726).
 */
export const POPULATION_SOURCE = {
  year: 2023,
  label: {
    fr: 'Insee, population municipale 2023 (populations légales en vigueur au 1er janvier 2026), code officiel géographique 2026',
    en: 'INSEE, 2023 municipal population (legal populations in force on 1 January 2026), 2026 official geographic code',
  },
} as const;

/** Structures per 10,000 inhabitants (`null` when the population is unknown or zero). */
export const rate = (n: number, population: number | null) => (population ? (n * 10_000) / population : null);

/** The communes (not arrondissements) of a territory in the places data; `undefined` when unknown. */
export function communesOf(places: PlacesModule, t: TerritoryRef): Place[] | undefined {
  switch (t.level) {
    case 'commune': {
      const p = places.getCommune(t.code);
      return p && p.code === t.code ? [p] : undefined;
    }
    case 'epci':
      return places.getEpci(t.code) ? places.epciMembers(t.code) : undefined;
    case 'departement':
      if (!places.getDepartement(t.code)) return undefined;
      return places.allPlaces().filter((p) => p.kind === 'commune' && p.departement.code === t.code);
    case 'region':
      if (!places.getRegion(t.code)) return undefined;
      return places.allPlaces().filter((p) => p.kind === 'commune' && p.region.code === t.code);
  }
}

export function nameOf(places: PlacesModule, t: TerritoryRef): string | null {
  switch (t.level) {
    case 'commune': {
      const p = places.getCommune(t.code);
      return p && p.code === t.code ? p.name : null;
    }
    case 'epci':
      return places.getEpci(t.code)?.name ?? null;
    case 'departement':
      return places.getDepartement(t.code)?.name ?? null;
    case 'region':
      return places.getRegion(t.code)?.name ?? null;
  }
}

export function populationOf(communes: readonly Place[]): { total: number | null; without: number } {
  let total = 0;
  let without = 0;
  for (const p of communes) {
    if (p.population === undefined) without++;
    else total += p.population;
  }
  return { total: communes.length > without ? total : null, without };
}

/** The parent territory of `t` (see `TerritoryProfile.parent`). */
export function parentOf(
  t: TerritoryRef,
  communes: readonly Place[] | undefined,
  records: readonly Structure[],
): TerritoryRef | undefined {
  const common = (key: (p: Place) => string | undefined): string | undefined => {
    const codes = new Set(communes?.map(key));
    return codes.size === 1 ? [...codes][0] : undefined;
  };
  const fromRecords = (level: TerritoryLevel): string | undefined => {
    const codes = new Set(records.map((s) => s.address?.cog?.[level]).filter(Boolean));
    return codes.size === 1 ? [...codes][0] : undefined;
  };
  const pick = (level: TerritoryLevel, fromPlaces: string | undefined) => {
    const code = communes ? fromPlaces : fromRecords(level);
    return code ? { level, code } : undefined;
  };
  switch (t.level) {
    case 'commune':
      return pick(
        'epci',
        common((p) => p.epci?.code),
      );
    case 'epci':
      return (
        pick(
          'departement',
          common((p) => p.departement.code),
        ) ??
        pick(
          'region',
          common((p) => p.region.code),
        )
      );
    case 'departement':
      return pick(
        'region',
        common((p) => p.region.code),
      );
    case 'region':
      return undefined;
  }
}
