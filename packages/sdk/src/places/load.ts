/**
 * Loader for `@essaim/sdk/places`, safe to import statically (e.g. re-exported by the main SDK entry): the
 * places module and its data are fetched only when `loadPlaces()` is first called.
 *
 * @example const { searchPlaces } = await loadPlaces();
 */
export type PlacesModule = typeof import('./index.ts');

let pending: Promise<PlacesModule> | undefined;

/** Imports the places module once (a failed import, e.g. offline, is retried on the next call). */
export function loadPlaces(): Promise<PlacesModule> {
  pending ??= import('./index.ts').catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

export type { TerritoryPlaces } from './territory.ts';

/**
 * The places of the départements of `records` (a feed's structures) — one slice of ≈ 5–15 KB gzip each
 * instead of the national ≈ 414 KB — loaded on first call; see `placesForTerritory` (./territory.ts).
 */
export async function loadPlacesForRecords(
  records: Iterable<{ address?: import('../schema/common.ts').Address | undefined }>,
): Promise<import('./territory.ts').TerritoryPlaces> {
  return (await import('./territory.ts')).placesForRecords(records);
}
