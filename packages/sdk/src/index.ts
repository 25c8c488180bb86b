/**
 * @essaim/sdk — the typed SDK of the Essaim feed (French social and solidarity economy).
 *
 * - the feed schema (zod 4), its inferred types and its JSON Schema;
 * - validation that loses nothing (every record on its own, a bilingual report);
 * - the feed client (ky: retries, timeouts, conditional requests, stale-while-revalidate cache);
 * - the headless query engine (French full-text search, facets, territory, geo) and its connector.
 *
 * Places (communes, postcodes, COG codes) live in `@essaim/sdk/places`, loaded only when used.
 */
export * from './schema/index.ts';
export * from './validate.ts';
export * from './feed.ts';
export { feedJsonSchema, feedJsonSchemaText, FEED_SCHEMA_ID } from './json-schema.ts';
export * from './errors.ts';
export * from './client/index.ts';
export { loadPlaces, loadPlacesForRecords, type PlacesModule, type TerritoryPlaces } from './places/load.ts';
export { normalizeText } from './text/normalize.ts';
export {
  departementCodeOf,
  departementCodeOfPostcode,
  departementsOfRecords,
} from './places/departement-code.ts';
export * from './search/index.ts';
export * from './store.ts';
export * from './agenda/index.ts';
export {
  hoursOfDay,
  isFrenchPublicHoliday,
  openingDays,
  type OpeningState,
  type OpeningStatus,
  openingState,
} from './hours/evaluate.ts';
export { enableCompiledValidation } from './compiled.ts';
export * from './orientation/index.ts';
