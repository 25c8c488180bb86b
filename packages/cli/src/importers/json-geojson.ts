/**
 * The `json` and `geojson` importers: objects (JSON records, or GeoJSON features' properties with their
 * geometry's point) read through a tabular mapping, like CSV rows (tabular.ts). Paths read nested
 * properties.
 */
import { mappingColumns, type Getter, headOf as pathHead, readPath, specColumns } from '../mapping/read.ts';
import type { TabularMapping } from '../mapping/schema.ts';
import { loadMapping } from '../mapping/check.ts';
import { FieldAccounting } from '../mapping/accounting.ts';
import { type LatLon, normalizeGeoJsonPosition } from '../normalize/index.ts';
import { jsonRecords, shapeHint } from './sniff.ts';
import {
  checkSourceId,
  describeShape,
  progressReporter,
  readJson,
  sourcePath,
  TaxonomyIndex,
  Warnings,
} from './shared.ts';
import { declareFields, missingColumns, resolveColumns } from './tabular-columns.ts';
import { type Prepared, rowToOutcome } from './tabular-row.ts';
import { type ImportContext, type Importer, type ImportOutcome, WrongShapeError } from './types.ts';

/** The properties seen in records (the first 1,000), in order of appearance. */
function propertiesOf(records: unknown[], pick: (r: unknown) => unknown): string[] {
  const keys = new Set<string>();
  for (const rec of records.slice(0, 1000)) {
    const props = pick(rec);
    if (props && typeof props === 'object' && !Array.isArray(props))
      for (const k of Object.keys(props)) keys.add(k);
  }
  return [...keys];
}

/**
 * Imports objects (JSON records or GeoJSON feature properties) through a mapping. Paths read nested
 * properties; the first segment of each must be a property of the records, else the file is
 * of the wrong shape.
 */
async function* importObjects(
  ctx: ImportContext,
  type: string,
  expects: string,
  mapping: TabularMapping,
  records: unknown[],
  propsOf: (r: unknown) => Record<string, unknown>,
  extra: { id?: (r: unknown) => unknown; point?: (r: unknown) => { geo?: LatLon; notes: Warnings['list'] } },
  /** A built-in mapping (gogocarto-search): its fields may name properties a file does not have. */
  preset?: TabularMapping,
): AsyncIterable<ImportOutcome> {
  const keys = propertiesOf(records, propsOf);
  // The property a path starts with ("adresse" for "adresse.cp"), or the whole path when it is a key.
  const headOf = (path: string) => (keys.includes(path) ? path : pathHead(path));
  const wanted = [...new Set(mappingColumns(mapping).map((c) => headOf(c.column)))].filter(
    (c) => c !== '$id',
  );
  const { resolved, missing } = resolveColumns(keys, wanted);
  // The preset's own fields (unchanged by the source's mapping) may be absent from a file.
  const optional = (use: string) =>
    preset !== undefined &&
    use in preset.fields &&
    JSON.stringify(mapping.fields[use as keyof TabularMapping['fields']]) ===
      JSON.stringify(preset.fields[use as keyof TabularMapping['fields']]);
  const needed = new Set(
    mappingColumns(mapping)
      .filter((c) => !optional(c.use))
      .map((c) => headOf(c.column)),
  );
  const required = missing.filter((c) => needed.has(c));
  if (records.length && required.length) {
    throw new WrongShapeError(
      type,
      sourcePath(ctx),
      `${expects}, with the properties ${missingColumns(required, keys)}`,
      `records whose properties are ${keys.slice(0, 20).join(', ')}`,
    );
  }
  const resolvePath = (c: string) => {
    const head = headOf(c);
    return (resolved.get(head) ?? head) + c.slice(head.length);
  };
  const acct = new FieldAccounting(keys);
  // Columns of a preset that the file does not have are not listed.
  for (const { column, use } of mappingColumns(mapping)) {
    const head = headOf(resolvePath(column));
    if (column !== '$id' && keys.includes(head)) acct.use(head, use);
  }
  declareFields(
    acct,
    mapping,
    (field) =>
      optional(field) &&
      !specColumns(mapping.fields[field as keyof TabularMapping['fields']]).some((c) =>
        keys.includes(headOf(resolvePath(c))),
      ),
  );
  const p: Prepared = {
    mapping,
    concepts: new TaxonomyIndex(ctx.taxonomy),
    seen: new Set(),
    firstWarnings: [],
    acct,
  };
  const report = progressReporter(ctx, records.length);
  for (let index = 0; index < records.length; index++) {
    report(index + 1);
    const rec = records[index];
    const props = propsOf(rec);
    acct.countRow(props);
    const get: Getter = (c) => (c === '$id' ? extra.id?.(rec) : readPath(props, resolvePath(c)));
    yield rowToOutcome(get, index, ctx, p, extra.point?.(rec));
  }
  ctx.fields?.(acct.report());
}

const GEOJSON_EXPECTS =
  'a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}) or an array of Features';

/** The point of a geometry: a Point's position, else the mean of all positions (lines, polygons). */
export function geometryPoint(geometry: unknown): { geo?: LatLon; notes: Warnings['list'] } {
  const w = new Warnings();
  const g = geometry as { type?: string; coordinates?: unknown; geometries?: unknown[] } | null;
  if (!g || typeof g !== 'object') return { notes: [] };
  if (g.type === 'Point') {
    const r = normalizeGeoJsonPosition(g.coordinates);
    w.add('geo', r.notes);
    return { geo: r.value, notes: w.list };
  }
  const positions: number[][] = [];
  const walk = (c: unknown) => {
    if (Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number')
      positions.push(c as number[]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(
    g.type === 'GeometryCollection'
      ? (g.geometries ?? []).map((x) => (x as { coordinates?: unknown }).coordinates)
      : g.coordinates,
  );
  if (!positions.length) return { notes: [] };
  const lon = positions.reduce((s, p) => s + p[0]!, 0) / positions.length;
  const lat = positions.reduce((s, p) => s + p[1]!, 0) / positions.length;
  const r = normalizeGeoJsonPosition([lon, lat]);
  w.add('geo', r.notes);
  w.one(
    'geo',
    'geometry-centre',
    `géométrie ${g.type} : point pris au centre de ses coordonnées`,
    `${g.type} geometry: point taken at the centre of its coordinates`,
  );
  return { geo: r.value, notes: w.list };
}

export const geojsonImporter: Importer = {
  type: 'geojson',
  expects: GEOJSON_EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const mapping = await loadMapping(ctx, 'geojson');
    const raw = await readJson(ctx, 'geojson', GEOJSON_EXPECTS);
    const o = raw as Record<string, unknown> | unknown[] | null;
    const features = Array.isArray(o)
      ? o
      : o?.type === 'FeatureCollection' && Array.isArray(o.features)
        ? o.features
        : o?.type === 'Feature'
          ? [o]
          : undefined;
    const notFeatures =
      features?.length &&
      !features.slice(0, 50).some((f) => (f as { type?: unknown } | null)?.type === 'Feature');
    if (!features || notFeatures)
      throw new WrongShapeError(
        'geojson',
        sourcePath(ctx),
        GEOJSON_EXPECTS,
        `${describeShape(raw)}${shapeHint(raw, 'geojson')}`,
      );
    type Feature = { id?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
    yield* importObjects(
      ctx,
      'geojson',
      GEOJSON_EXPECTS,
      mapping,
      features,
      (f) => {
        const props = (f as Feature | null)?.properties;
        return props && typeof props === 'object' ? props : {};
      },
      { id: (f) => (f as Feature | null)?.id, point: (f) => geometryPoint((f as Feature | null)?.geometry) },
    );
  },
};

const JSON_EXPECTS =
  'a JSON array of objects, or an object whose "data", "results", "hits", "items", "elements" or "records" is one';

const objectOf = (r: unknown): Record<string, unknown> => {
  if (!r || typeof r !== 'object' || Array.isArray(r)) return {};
  const o = r as Record<string, unknown>;
  return o._source && typeof o._source === 'object' ? (o._source as Record<string, unknown>) : o;
};

/** Runs the `json` importer with a mapping (or a preset, for the importers built on it). */
export async function* importJson(
  ctx: ImportContext,
  type: string,
  expects: string,
  preset?: TabularMapping,
): AsyncIterable<ImportOutcome> {
  checkSourceId(ctx);
  const mapping = await loadMapping(ctx, type, preset);
  const raw = await readJson(ctx, type, expects);
  const records = jsonRecords(raw);
  if (!records)
    throw new WrongShapeError(type, sourcePath(ctx), expects, `${describeShape(raw)}${shapeHint(raw, type)}`);
  yield* importObjects(ctx, type, expects, mapping, records, objectOf, {}, preset);
}

export const jsonImporter: Importer = {
  type: 'json',
  expects: JSON_EXPECTS,
  run: (ctx) => importJson(ctx, 'json', JSON_EXPECTS),
};
