/**
 * `@essaim/sdk/places`: French communes, municipal arrondissements, postcodes, départements, régions and
 * EPCI, with autocomplete, fuzzy resolution of postcode + city name, and the nearest commune to a point
 * (`nearestCommune`, e.g. for a geolocation). Works the same in Node and browsers.
 *
 * This entry embeds ~450 KB (gzip) of data: load it only when needed, with `await import('@essaim/sdk/places')`
 * or `loadPlaces()` from `./load.ts`. Data is decoded on the first call, the search index built on the
 * first search; both happen once (or call `preloadPlaces()` when idle).
 *
 * Sources: INSEE Code officiel géographique (via @etalab/decoupage-administratif) and La Poste's
 * "Base officielle des codes postaux" (centre coordinates, localities), both Licence Ouverte 2.0.
 */
import * as DATA from './data/places-data.ts';
import { decodePlaces } from './decode.ts';
import { hasAllPlaces, useTables } from './store.ts';

// The national tables, decoded on the first lookup (they supersede département slices loaded before).
if (!hasAllPlaces()) useTables(() => decodePlaces(DATA), true);

export {
  allPlaces,
  communesByPostcode,
  departementOfCommune,
  departementOfPostcode,
  epciMembers,
  epciOfCommune,
  getCommune,
  getDepartement,
  getEpci,
  getRegion,
  isCurrentCommuneCode,
  listDepartements,
  listEpcis,
  listRegions,
  placesInfo,
  regionOfCommune,
} from './store.ts';
export { cogOfPlace, DEFAULT_MAX_COMMUNE_KM, nearestCommune } from './reverse.ts';
export { distanceKm } from '../core/geo.ts';
export { lookupCommune } from './lookup.ts';
export { nearestPlaces } from './nearest.ts';
export { preloadPlaces } from './search-index.ts';
export { searchPlaces } from './search.ts';
// The same loaders as `@essaim/sdk`'s (which stays the way to load places lazily): here for those who
// look for them where the places are.
export { loadPlaces, loadPlacesForRecords, type PlacesModule, type TerritoryPlaces } from './load.ts';
export type {
  AreaRef,
  Departement,
  Epci,
  EpciType,
  LocalityMatch,
  LocalityQuery,
  LookupOptions,
  NearestCommune,
  NearestCommuneOptions,
  NearestPlace,
  Place,
  PlaceCog,
  PlaceMatch,
  Region,
  SearchOptions,
} from './types.ts';
