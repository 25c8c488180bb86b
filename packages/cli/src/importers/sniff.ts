/**
 * Which importer fits a file: a look at the shape of its records, for the error said when a file is given
 * to the wrong importer ("these records have `title`, not `name`: this looks like the GoGoCarto search
 * API — use the importer gogocarto-search").
 */

/** The records of a JSON document: the array itself or the first array under a usual key. */
export function jsonRecords(raw: unknown): unknown[] | undefined {
  if (Array.isArray(raw)) return raw;
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  for (const k of ['data', 'results', 'hits', 'items', 'elements', 'records', 'features']) {
    const v = o[k];
    if (Array.isArray(v)) return v;
    // Elasticsearch-like: {hits: {hits: [{_source: …}]}}
    if (v && typeof v === 'object' && Array.isArray((v as Record<string, unknown>).hits))
      return (v as { hits: unknown[] }).hits;
  }
  return undefined;
}

export interface ShapeGuess {
  /** The importer type that fits. */
  type: string;
  /** Why, in a few words (English; the keys are shown as they are). */
  because: string;
}

const keysOf = (records: unknown[]): Set<string> => {
  const keys = new Set<string>();
  for (const r of records.slice(0, 50))
    if (r && typeof r === 'object' && !Array.isArray(r)) for (const k of Object.keys(r)) keys.add(k);
  return keys;
};

/** The importer a parsed JSON document (or a text file's first characters) looks made for. */
export function guessImporter(raw: unknown): ShapeGuess | undefined {
  if (typeof raw === 'string') {
    if (/^\s*BEGIN:VCALENDAR/i.test(raw))
      return { type: 'ics', because: 'the text starts with BEGIN:VCALENDAR' };
    return undefined;
  }
  const o = raw as Record<string, unknown> | null;
  if (o && !Array.isArray(o) && (o.type === 'FeatureCollection' || o.type === 'Feature'))
    return { type: 'geojson', because: `it is a GeoJSON ${String(o.type)}` };
  if (o && !Array.isArray(o) && (Array.isArray(o.events) || (o.event && typeof o.event === 'object')))
    return { type: 'openagenda-v2', because: 'it has an "events" list (OpenAgenda API v2)' };
  if (o && !Array.isArray(o) && (Array.isArray(o.structures) || Array.isArray(o.services)))
    return { type: 'data-inclusion', because: 'it has "structures"/"services" lists (data·inclusion)' };
  const records = jsonRecords(raw);
  if (!records?.length) return undefined;
  const keys = keysOf(
    records.map((r) => (r && typeof r === 'object' && 'fields' in r ? (r as { fields: unknown }).fields : r)),
  );
  if (keys.has('title') && !keys.has('name') && (keys.has('location') || keys.has('summary')))
    return {
      type: 'gogocarto-search',
      because:
        'these records have "title", not "name" (and "summary"/"location"): this looks like the GoGoCarto search API',
    };
  if (keys.has('name') && (keys.has('geo') || keys.has('categories')))
    return {
      type: 'gogocarto',
      because: 'these records have "name" and "geo"/"categories" (a GoGoCarto export)',
    };
  if (keys.has('uid') && (keys.has('title_fr') || keys.has('firstdate_begin') || keys.has('timings')))
    return {
      type: 'openagenda-export',
      because: 'these records have "uid" and "title_fr"/"timings" (an OpenAgenda export)',
    };
  if (keys.has('nom') && keys.has('id') && (keys.has('siret') || keys.has('commune') || keys.has('source')))
    return {
      type: 'data-inclusion',
      because: 'these records have "id", "nom" and "siret"/"commune" (data·inclusion)',
    };
  return {
    type: 'json',
    because: `these are records with the properties ${[...keys].slice(0, 12).join(', ')}`,
  };
}

/** " — this looks like …: use the importer X" for an error message, or "" when the importer is the right one. */
export function shapeHint(raw: unknown, importer: string): string {
  const g = guessImporter(raw);
  if (!g || g.type === importer) return '';
  return ` — ${g.because}: use "type": "${g.type}"${g.type === 'json' || g.type === 'gogocarto-search' ? ' (with a mapping, see docs/publishing.md)' : ''}`;
}
