/**
 * GoGoCarto's search API (`/api/elements/search…`): records with `title`, `summary`, `location{lat,lon}`
 * rather than the export's `name`, `description`, `geo{latitude,longitude}`. Read by the `json` importer
 * with a preset mapping; a source's own `mapping` option adds to it or overrides its fields (categories,
 * contacts…: every property left unused is listed in the build report).
 */
import type { TabularMapping } from '../mapping/schema.ts';
import { importJson } from './tabular.ts';
import type { Importer } from './types.ts';

export const GOGOCARTO_SEARCH_MAPPING: TabularMapping = {
  id: 'id',
  fields: {
    name: 'title',
    description: { column: 'summary', fallback: ['description'] },
    'geo.lat': { column: 'location.lat', fallback: ['geo.latitude', 'lat'] },
    'geo.lon': { column: 'location.lon', fallback: ['geo.longitude', 'lon', 'lng'] },
    'address.street': 'address.streetAddress',
    'address.postcode': 'address.postalCode',
    'address.commune': 'address.addressLocality',
    'contacts.email': 'email',
    'contacts.phone': 'telephone',
    'contacts.website': 'website',
  },
};

const EXPECTS =
  'GoGoCarto search API results: a JSON array (or {"data"|"results"|"hits": [...]}) of records with "id", "title" and "location": {"lat", "lon"}';

export const gogocartoSearchImporter: Importer = {
  type: 'gogocarto-search',
  expects: EXPECTS,
  run: (ctx) => importJson(ctx, 'gogocarto-search', EXPECTS, GOGOCARTO_SEARCH_MAPPING),
};
