/**
 * OpenAgenda events as republished in open data by OpenDataSoft ("evenements-publics-openagenda"): the
 * records API v1 dump `{nhits, parameters, records: [{recordid, fields: {…}, geometry}]}`, the v2.1
 * `{results: [{…}]}`, a plain array of records, or an array of `fields` objects.
 *
 * The export flattens OpenAgenda's event: `title_fr`, `description_fr`, `longdescription_fr` (HTML),
 * `keywords_fr` ("a;b;c"), `timings`, `status`, `attendancemode` and `registration` as JSON inside strings,
 * `location_*` (name, address, postalcode, city, insee, department, coordinates), `accessibility`
 * ("hi;vi;mi"), `age_min`/`age_max`, `originagenda_title`, `canonicalurl`, `updatedat`. The département
 * and région are derived from `location_insee` or the postcode through the places lookup (the export's
 * `location_department` is a name, sometimes missing or a postcode: only used as a postcode when it is one).
 */
import { mapOpenAgendaEvent } from './openagenda-common.ts';
import { checkSourceId, describeShape, progressReporter, readJson } from './shared.ts';
import { type ImportContext, type Importer, type ImportOutcome, WrongShapeError } from './types.ts';

const TYPE = 'openagenda-export';
const EXPECTS =
  'an OpenDataSoft export of OpenAgenda events: {"records": [{"fields": {"uid", "title_fr", "timings", …}}]} (records API), {"results": […]} (explore API), or an array of such records';

/** The list of flat event objects of an export, whatever its envelope. */
export function exportRecords(raw: unknown): Array<Record<string, unknown>> | undefined {
  const o = raw as Record<string, unknown> | unknown[] | null;
  const list = Array.isArray(o)
    ? o
    : Array.isArray(o?.records)
      ? o.records
      : Array.isArray(o?.results)
        ? o.results
        : undefined;
  if (!list) return undefined;
  return list.map((r) => {
    const rec = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
    const fields =
      rec.fields && typeof rec.fields === 'object' ? (rec.fields as Record<string, unknown>) : rec;
    // The envelope's geometry and timestamp beside the fields (which stay the prototype, not copied:
    // the build's field report sees which of them are read).
    return Object.assign(Object.create(fields) as Record<string, unknown>, {
      __geometry: rec.geometry,
      __timestamp: rec.record_timestamp,
      __recordid: rec.recordid,
    });
  });
}

export const openagendaExportImporter: Importer = {
  type: TYPE,
  expects: EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const raw = await readJson(ctx, TYPE, EXPECTS);
    const records = exportRecords(raw);
    if (!records) throw new WrongShapeError(TYPE, ctx.source.path, EXPECTS, describeShape(raw));
    if (records.length && !records.some((r) => 'uid' in r || 'title_fr' in r || 'timings' in r)) {
      throw new WrongShapeError(
        TYPE,
        ctx.source.path,
        EXPECTS,
        `records without uid, title_fr or timings (${describeShape(records[0])})`,
      );
    }
    const seen = new Set<string>();
    const report = progressReporter(ctx, records.length, 100);
    for (let index = 0; index < records.length; index++) {
      report(index + 1);
      const f = records[index]!;
      const coords = Array.isArray(f.location_coordinates) ? f.location_coordinates : undefined;
      const geometry = f.__geometry as { coordinates?: unknown[] } | undefined;
      const [lat, lon] =
        coords ??
        (Array.isArray(geometry?.coordinates)
          ? [geometry.coordinates[1], geometry.coordinates[0]]
          : [f.location_latitude, f.location_longitude]);
      yield mapOpenAgendaEvent(
        {
          uid: f.uid ?? f.__recordid,
          title: f.title_fr ?? f.title_en ?? f.title,
          description: f.description_fr ?? f.description_en ?? f.description,
          longDescription: f.longdescription_fr ?? f.longdescription_en ?? f.longdescription,
          conditions: f.conditions_fr ?? f.conditions_en,
          keywords: f.keywords_fr ?? f.keywords_en,
          timings: f.timings,
          firstBegin: f.firstdate_begin,
          lastEnd: f.lastdate_end,
          status: f.status,
          attendanceMode: f.attendancemode,
          onlineAccessLink: f.onlineaccesslink,
          location: {
            name: f.location_name,
            address: f.location_address,
            postalCode: f.location_postalcode,
            city: f.location_city,
            insee: f.location_insee,
            department: f.location_department,
            countryCode: f.location_countrycode,
            lat,
            lon,
            phone: f.location_phone,
            website: f.location_website,
            access: f.location_access_fr ?? f.location_access_en,
          },
          accessibility: f.accessibility,
          ageMin: f.age_min,
          ageMax: f.age_max,
          registration: f.registration,
          image: f.image ?? f.originalimage ?? f.thumbnail,
          imageCredit: f.imagecredits,
          url: f.canonicalurl,
          updatedAt: f.updatedat ?? f.__timestamp,
          createdAt: f.createdat,
          agendaTitle: f.originagenda_title,
          timeZone: f.timezone,
        },
        index,
        ctx,
        seen,
      );
    }
  },
};
