/**
 * The places lookup the importers use (`PlacesLookup`), backed by `@essaim/sdk/places` (the official COG
 * list with La Poste postcodes and commune centres).
 *
 * - Postcode and/or name: the SDK's fuzzy `lookupCommune`, accepted from a confidence of 0.5 (below, the
 *   SDK itself calls it "a guess worth reviewing": the importer then keeps the address without COG codes).
 * - A point alone: the commune whose centre is nearest, within `maxNearestKm` (default 10 km).
 * - An INSEE code: `getCommune`; a former commune's code gives the commune it merged into.
 * Municipal arrondissements (Paris, Lyon, Marseille) are given as their commune (75056, 69123, 13055), so
 * that territory filters on the commune find them whichever source they came from.
 */
import type { Place } from '@essaim/sdk/places';
import type { PlacesLookup } from './importers/types.ts';

type PlacesModule = typeof import('@essaim/sdk/places');
type Found = NonNullable<ReturnType<PlacesLookup['lookupCommune']>>;

export interface PlacesLookupOptions {
  /** Minimum confidence (0…1) of a postcode/name match. Default 0.5. */
  minConfidence?: number;
  /** Farthest commune centre accepted for a point given alone, in km. Default 10. */
  maxNearestKm?: number;
}

/** Minimum confidence of a commune found by its name alone (homonyms score 0.54 in the SDK). */
const NAME_ALONE_MIN = 0.6;

/** Adapts the SDK places module to the importers' `PlacesLookup`. */
export function placesLookupFrom(places: PlacesModule, options: PlacesLookupOptions = {}): PlacesLookup {
  const minConfidence = options.minConfidence ?? 0.5;
  const maxNearestKm = options.maxNearestKm ?? 10;

  const toFound = (place: Place, postcode?: string): Found => {
    // An arrondissement stands for its commune.
    const commune =
      place.kind === 'arrondissement' && place.commune
        ? (places.getCommune(place.commune.code) ?? place)
        : place;
    const found: Found = {
      code: commune.code,
      name: commune.name,
      departement: commune.departement.code,
      region: commune.region.code,
    };
    const pc =
      postcode && commune.postcodes.includes(postcode)
        ? postcode
        : (place.postcodes[0] ?? commune.postcodes[0]);
    if (pc) found.postcode = pc;
    if (commune.epci) found.epci = commune.epci.code;
    const lat = place.lat ?? commune.lat;
    const lon = place.lon ?? commune.lon;
    if (lat !== undefined && lon !== undefined) {
      found.lat = lat;
      found.lon = lon;
    }
    return found;
  };

  return {
    lookupCommune(q) {
      if (q.postcode || q.name) {
        const m = places.lookupCommune(
          {
            ...(q.postcode ? { postcode: q.postcode } : {}),
            ...(q.name ? { name: q.name } : {}),
            ...(q.lat !== undefined && q.lon !== undefined ? { lat: q.lat, lon: q.lon } : {}),
          },
          { arrondissements: false },
        );
        // A name alone that several communes bear ("Beaumont", "Saint-Denis": confidence 0.54) is a guess:
        // refused, rather than codes and a map position in the wrong one.
        const min = q.postcode ? minConfidence : Math.max(minConfidence, NAME_ALONE_MIN);
        return m && m.confidence >= min ? toFound(m.place, m.postcode) : undefined;
      }
      if (q.lat !== undefined && q.lon !== undefined) {
        const [nearest] = places.nearestPlaces(q.lat, q.lon, { limit: 1, arrondissements: false });
        return nearest && nearest.distanceKm <= maxNearestKm ? toFound(nearest.place) : undefined;
      }
      return undefined;
    },
    communeByCode(code) {
      const place = places.getCommune(code);
      return place ? toFound(place) : undefined;
    },
  };
}

/** Loads `@essaim/sdk/places` (about 450 KB of data, decoded once) and returns the lookup. */
export async function loadPlacesLookup(options: PlacesLookupOptions = {}): Promise<PlacesLookup> {
  return placesLookupFrom(await import('@essaim/sdk/places'), options);
}
