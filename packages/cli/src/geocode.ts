/**
 * Optional geocoding to the address, by the CSV batch API of the Base Adresse Nationale
 * (`POST /search/csv/`, as served at api-adresse.data.gouv.fr and by any `addok` server): off by default,
 * turned on per source with the option `geocode`:
 *
 * ```json
 * { "options": { "geocode": { "url": "https://api-adresse.data.gouv.fr/search/csv/", "minScore": 0.6 } } }
 * ```
 *
 * Records without a point of their own (none, or only their commune centre) that have a French street
 * line are sent in batches (`data`: a CSV `id,adresse,postcode,citycode`; `columns=adresse`, with
 * `postcode` and `citycode` as filters). A result is kept when its score reaches `minScore` (default 0.6)
 * and it lies in the record's commune (same INSEE code); the point then gets the precision the API gives
 * (`result_type`: housenumber, street, locality, or municipality → "commune"). Every point set, and every
 * result refused, is a warning of the record; an unreachable server is one warning per record sent, and the
 * records keep what they had. The data sent is the address only (no name, no contact).
 */
import Papa from 'papaparse';
import { type GeoPrecision, isFrenchCountry, type Structure } from '@essaim/sdk';
import type { ImportOutcome, ImportWarning } from './importers/types.ts';

export interface GeocodeOptions {
  /** The `/search/csv/` endpoint. */
  url: string;
  /** Lowest `result_score` accepted (0…1). Default 0.6. */
  minScore?: number;
  /** Records per request. Default 1,000. */
  batchSize?: number;
  /** For tests: the fetch to use. */
  fetch?: typeof fetch;
}

type Located = { address?: Structure['address']; geo?: Structure['geo'] };

/** The located part of an outcome's record: a structure or service itself, an event's place. */
function locatedOf(o: ImportOutcome): Located | undefined {
  if (o.kind === 'structure' || o.kind === 'service') return o.record as Located;
  if (o.kind === 'event') return o.record.place as Located | undefined;
  return undefined;
}

function wanted(o: ImportOutcome): boolean {
  const l = locatedOf(o);
  const a = l?.address;
  if (!a?.street || !isFrenchCountry(a.country) || !(a.postcode || a.cog?.commune)) return false;
  return !l?.geo || l.geo.precision === 'commune';
}

const PRECISION: Record<string, GeoPrecision> = {
  housenumber: 'housenumber',
  street: 'street',
  locality: 'locality',
  municipality: 'commune',
};

function warn(o: ImportOutcome, w: ImportWarning): void {
  if (o.kind === 'rejected') return;
  (o.warnings ??= []).push(w);
}

/** Geocodes one batch in place (see the module note). */
export async function geocodeBatch(batch: ImportOutcome[], options: GeocodeOptions): Promise<void> {
  const todo = batch.filter(wanted);
  if (!todo.length) return;
  const prefix = (o: ImportOutcome) => (o.kind === 'event' ? 'place.' : '');
  const rows = todo.map((o, i) => {
    const a = locatedOf(o)!.address!;
    return {
      id: String(i),
      adresse: a.street!.replace(/\n/g, ' '),
      postcode: a.postcode ?? '',
      citycode: a.cog?.commune ?? '',
    };
  });
  const form = new FormData();
  form.append('data', new Blob([Papa.unparse(rows)], { type: 'text/csv' }), 'adresses.csv');
  form.append('columns', 'adresse');
  form.append('postcode', 'postcode');
  form.append('citycode', 'citycode');
  let results: Array<Record<string, string>>;
  try {
    const res = await (options.fetch ?? fetch)(options.url, { method: 'POST', body: form });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    results = Papa.parse<Record<string, string>>(await res.text(), {
      header: true,
      skipEmptyLines: true,
    }).data;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    for (const o of todo)
      warn(o, {
        field: `${prefix(o)}geo`,
        code: 'geocode-failed',
        fr: `géocodage impossible (${options.url} : ${why}) : position inchangée`,
        en: `geocoding failed (${options.url}: ${why}): position unchanged`,
      });
    return;
  }
  const minScore = options.minScore ?? 0.6;
  const byId = new Map(results.map((r) => [r.id, r]));
  todo.forEach((o, i) => {
    const r = byId.get(String(i));
    const l = locatedOf(o)!;
    const field = `${prefix(o)}geo`;
    const lat = Number(r?.latitude);
    const lon = Number(r?.longitude);
    const score = Number(r?.result_score);
    const precision = PRECISION[r?.result_type ?? ''];
    if (!r?.latitude || !Number.isFinite(lat) || !Number.isFinite(lon) || !precision) {
      warn(o, {
        field,
        code: 'geocode-not-found',
        fr: 'adresse introuvable au géocodage : position inchangée',
        en: 'address not found by the geocoder: position unchanged',
      });
      return;
    }
    const commune = l.address?.cog?.commune;
    if (score < minScore || (commune && r.result_citycode && r.result_citycode !== commune)) {
      warn(o, {
        field,
        code: 'geocode-refused',
        fr: `résultat du géocodage écarté (« ${r.result_label} », score ${score}${commune && r.result_citycode !== commune ? `, commune ${r.result_citycode} au lieu de ${commune}` : ''}) : position inchangée`,
        en: `geocoding result refused ("${r.result_label}", score ${score}${commune && r.result_citycode !== commune ? `, commune ${r.result_citycode} instead of ${commune}` : ''}): position unchanged`,
      });
      return;
    }
    l.geo = { lat, lon, precision };
    // The commune centre it had is no longer its place.
    if (o.kind !== 'rejected' && o.warnings)
      o.warnings = o.warnings.filter((w) => !(w.field === field && w.code === 'geo-commune-centre'));
    warn(o, {
      field,
      code: 'geocoded',
      fr: `point géocodé à l’adresse « ${r.result_label} » (précision : ${precision}, score ${score})`,
      en: `point geocoded to the address "${r.result_label}" (precision: ${precision}, score ${score})`,
    });
  });
}

/** Passes an importer's outcomes through, geocoding them batch by batch (same outcomes, same order). */
export async function* geocodeOutcomes(
  outcomes: AsyncIterable<ImportOutcome>,
  options: GeocodeOptions,
): AsyncIterable<ImportOutcome> {
  const size = options.batchSize ?? 1000;
  let batch: ImportOutcome[] = [];
  for await (const o of outcomes) {
    batch.push(o);
    if (batch.length >= size) {
      await geocodeBatch(batch, options);
      yield* batch;
      batch = [];
    }
  }
  await geocodeBatch(batch, options);
  yield* batch;
}
