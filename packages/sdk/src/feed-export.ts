/**
 * Structures as files for spreadsheets and maps, in Node and in browsers: the same CSV and GeoJSON as
 * `<ess-directory>`'s export (which calls these).
 *
 * CSV (RFC 4180, UTF-8 with BOM so spreadsheet software detects the encoding, comma-separated, CRLF):
 * | column | content |
 * |---|---|
 * | `id` | record id (`source--localId`) |
 * | `nom` | name |
 * | `famille` | ESS family (label) |
 * | `statuts` | legal forms (labels, ` | `-separated) |
 * | `thematiques`, `publics` | concept labels, ` | `-separated |
 * | `adresse`, `code_postal`, `commune`, `code_commune` (INSEE), `departement` | address |
 * | `latitude`, `longitude` | WGS 84 |
 * | `distance_km` | from the "near me" point, when the item is a search hit with a distance |
 * | `telephone`, `courriel`, `site_web` | contacts |
 * | `horaires` | OSM opening_hours string |
 * | `mis_a_jour` | `updatedAt` |
 * | `sources` | provenance names, ` | `-separated |
 * | `fiche` | the record's canonical page, else its first source page |
 *
 * Every cell goes through `csvCell`: text always quoted, and `'` put before every `=`, `+`, `-`, `@`,
 * tab or CR that starts the cell or follows a `,`, `;`, tab or line break inside it — no formula whatever
 * separator the spreadsheet uses (`;` in French locales) and even if it ignores the quotes.
 *
 * GeoJSON (RFC 7946): a FeatureCollection of Point features, coordinates `[longitude, latitude]`,
 * properties as in the CSV (empty ones left out); structures without coordinates are skipped and counted.
 *
 * @module
 */
import { type ConceptLookup, conceptLookup } from './concepts.ts';
import { csvCell } from './core/csv.ts';
import type { Structure } from './schema/structure.ts';
import type { Taxonomy } from './schema/taxonomy.ts';

/** The CSV's columns, in order (the header row). */
export const CSV_COLUMNS = [
  'id',
  'nom',
  'famille',
  'statuts',
  'thematiques',
  'publics',
  'adresse',
  'code_postal',
  'commune',
  'code_commune',
  'departement',
  'latitude',
  'longitude',
  'distance_km',
  'telephone',
  'courriel',
  'site_web',
  'horaires',
  'mis_a_jour',
  'sources',
  'fiche',
] as const;

/** One column of the export. */
export type ExportColumn = (typeof CSV_COLUMNS)[number];

/** A structure, or a search hit (its `record`, and its `distanceKm` from the query's point when set). */
export type ExportItem = Structure | { readonly record: Structure; readonly distanceKm?: number };

export interface ExportOptions {
  /**
   * Where the labels of families, legal forms, themes and publics come from: the feed's taxonomy, or a
   * lookup by id or `scheme:slug` (a page store's `store.concept`). Without it, the codes themselves.
   */
  taxonomy?: Taxonomy | ConceptLookup;
  /** Language of the labels. Default `'fr'`. */
  lang?: 'fr' | 'en';
}

/** The FeatureCollection of `toGeoJson` (RFC 7946). */
export interface StructureFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [longitude: number, latitude: number] };
    properties: Partial<Record<Exclude<ExportColumn, 'latitude' | 'longitude'>, string | number>>;
  }[];
}

/** What `toGeoJson` returns: the collection, and the structures left out for want of coordinates. */
export interface GeoJsonExport {
  collection: StructureFeatureCollection;
  /** How many structures had no coordinates (not in the collection). */
  skipped: number;
  /** Their ids, in input order. */
  skippedIds: string[];
}

/** The columns of one structure (undefined: empty cell). */
export function exportRow(
  item: ExportItem,
  options: ExportOptions = {},
): Record<ExportColumn, string | number | undefined> {
  const s = 'record' in item ? item.record : item;
  const distance = 'record' in item ? item.distanceKm : undefined;
  const lang = options.lang ?? 'fr';
  const concept = lookupOf(options.taxonomy);
  const label = (key: string, fallback: string) => concept(key)?.label[lang] ?? fallback;
  const a = s.address;
  return {
    id: s.id,
    nom: s.name,
    famille: label(`families:${s.family}`, s.family),
    statuts: (s.legalForms ?? []).map((f) => label(`legal-forms:${f}`, f)).join(' | '),
    thematiques: (s.themes ?? []).map((id) => label(id, id)).join(' | '),
    publics: (s.publics ?? []).map((id) => label(id, id)).join(' | '),
    adresse: [a?.street, a?.complement].filter(Boolean).join(', '),
    code_postal: a?.postcode,
    commune: a?.commune,
    code_commune: a?.cog?.commune,
    departement: a?.cog?.departement,
    latitude: s.geo?.lat,
    longitude: s.geo?.lon,
    distance_km: distance === undefined ? undefined : Math.round(distance * 100) / 100,
    telephone: s.contacts?.phone ?? s.contacts?.phones?.[0],
    courriel: s.contacts?.email,
    site_web: s.contacts?.website,
    horaires: s.openingHours,
    mis_a_jour: s.updatedAt,
    sources: s.provenance.map((p) => p.name ?? p.source).join(' | '),
    fiche: s.url ?? s.provenance[0]?.url,
  };
}

/**
 * The structures (or search hits) as a CSV file safe to open in any spreadsheet (see the module's
 * description for the columns).
 *
 * ```ts
 * const { feed } = await createClient({ feed: 'https://example.org/essaim/feed.json' }).load();
 * await writeFile('ess.csv', toCsv(feed.structures, { taxonomy: feed.taxonomy }));
 * ```
 */
export function toCsv(items: readonly ExportItem[], options: ExportOptions = {}): string {
  const lines = [CSV_COLUMNS.join(',')];
  const opts = { ...options, taxonomy: lookupOf(options.taxonomy) };
  for (const item of items) {
    const r = exportRow(item, opts);
    lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * The structures (or search hits) with coordinates as a GeoJSON FeatureCollection (RFC 7946: longitude
 * first); the others are counted in `skipped`.
 *
 * ```ts
 * const { collection, skipped } = toGeoJson(feed.structures, { taxonomy: feed.taxonomy });
 * await writeFile('ess.geojson', JSON.stringify(collection));
 * ```
 */
export function toGeoJson(items: readonly ExportItem[], options: ExportOptions = {}): GeoJsonExport {
  const opts = { ...options, taxonomy: lookupOf(options.taxonomy) };
  const features: StructureFeatureCollection['features'] = [];
  const skippedIds: string[] = [];
  for (const item of items) {
    const s = 'record' in item ? item.record : item;
    const lat = s.geo?.lat;
    const lon = s.geo?.lon;
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
      skippedIds.push(s.id);
      continue;
    }
    const { latitude: _, longitude: __, ...row } = exportRow(item, opts);
    const properties: StructureFeatureCollection['features'][number]['properties'] = {};
    for (const [key, value] of Object.entries(row) as [keyof typeof row, string | number | undefined][])
      if (value !== undefined && value !== '') properties[key] = value;
    features.push({
      type: 'Feature',
      id: s.id,
      geometry: { type: 'Point', coordinates: [lon!, lat!] },
      properties,
    });
  }
  return {
    collection: { type: 'FeatureCollection', features },
    skipped: skippedIds.length,
    skippedIds,
  };
}

const NO_CONCEPTS: ConceptLookup = () => undefined;

function lookupOf(taxonomy: ExportOptions['taxonomy']): ConceptLookup {
  if (!taxonomy) return NO_CONCEPTS;
  return typeof taxonomy === 'function' ? taxonomy : conceptLookup(taxonomy.concepts);
}
