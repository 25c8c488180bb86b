/**
 * Generic importers for the spreadsheets and maps publishers already have: `csv`, `geojson` and `json`
 * (an array of objects), driven by a declarative mapping (option `mapping`: a JSON file path, relative to
 * the config, or the mapping object itself). The mapping language is described in docs/publishing.md and
 * published as a JSON Schema (`essaim schema mapping`); its zod schema is ../mapping/schema.ts.
 *
 * ```json
 * {
 *   "id": "Identifiant",
 *   "where": { "column": "est_active", "equals": true },
 *   "fields": {
 *     "name": "Nom",
 *     "family": { "column": "Statut", "map": { "Asso": "association", "SCOP": "cooperative" } },
 *     "themes": { "column": "categories[].name" },
 *     "contacts.email": { "column": "mail", "split": " - " },
 *     "openingHours": { "labels": { "lundi": "h_lundi", "mardi": "h_mardi" } },
 *     "createdAt": { "column": "labellisation", "pattern": "(\\d{2}/\\d{2}/\\d{4})", "format": "DD/MM/YYYY" },
 *     "address.commune": { "column": "Ville", "fallback": ["Commune"] }
 *   },
 *   "defaults": { "family": "association", "updatedAt": "2024-08-01" }
 * }
 * ```
 *
 * The mapping is checked before any row is read (../mapping/check.ts, exit code 3 on a mistake). Each
 * source gets a field report (ImportContext.fields): every column with its fate, the values a map did
 * not match, the rows the filter left out, and the warnings by field and kind with examples.
 *
 * Only structures are imported this way (the part a spreadsheet of members usually holds). The row
 * mapping is in tabular-row.ts and tabular-fields.ts, the column matching in tabular-columns.ts, the
 * JSON and GeoJSON importers in json-geojson.ts.
 */
import type { Getter } from '../mapping/read.ts';
import { mappingColumns } from '../mapping/read.ts';
import { loadMapping } from '../mapping/check.ts';
import { parseCsv } from './csv-read.ts';
import { shapeHint } from './sniff.ts';
import {
  checkSourceId,
  describeShape,
  progressReporter,
  readText,
  sourcePath,
  TaxonomyIndex,
} from './shared.ts';
import { accountingFor, missingColumns, resolveColumns } from './tabular-columns.ts';
import { type Prepared, rowToOutcome } from './tabular-row.ts';
import { type ImportContext, type Importer, type ImportOutcome, WrongShapeError } from './types.ts';

export type { FieldSpec, TabularMapping, ValueMap } from '../mapping/schema.ts';
export { MAPPABLE_FIELDS } from '../mapping/schema.ts';
export { loadMapping } from '../mapping/check.ts';
export { geojsonImporter, geometryPoint, importJson, jsonImporter } from './json-geojson.ts';

const CSV_EXPECTS = 'a CSV file with a header row whose columns include those named in the mapping';

export const csvImporter: Importer = {
  type: 'csv',
  expects: CSV_EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const mapping = await loadMapping(ctx, 'csv');
    const { text, encoding, guessed, file } = await readText(ctx, undefined, mapping.csv?.encoding ?? 'auto');
    const start = text.trimStart();
    if (/^[[{]/.test(start) || /^BEGIN:VCALENDAR/i.test(start)) {
      let doc: unknown = start;
      try {
        doc = JSON.parse(text);
      } catch {
        // not JSON: said as text
      }
      const what = typeof doc === 'string' ? 'a text that is not CSV' : describeShape(doc);
      throw new WrongShapeError('csv', file, CSV_EXPECTS, `${what}${shapeHint(doc, 'csv')}`);
    }
    const table = parseCsv(text, { delimiter: mapping.csv?.delimiter, file });
    const wanted = [...new Set(mappingColumns(mapping).map((c) => c.column))];
    const { resolved, missing } = resolveColumns(table.header, wanted);
    if (missing.length) {
      throw new WrongShapeError(
        'csv',
        sourcePath(ctx),
        `${CSV_EXPECTS} (missing: ${missingColumns(missing, table.header)})`,
        `the columns ${table.header.map((h) => `"${h}"`).join(', ')} (separator "${table.delimiter}")`,
      );
    }
    const firstWarnings = guessed
      ? [
          {
            code: 'encoding-guessed',
            fr: `fichier lu comme ${encoding} (ce n’est pas de l’UTF-8)`,
            en: `file read as ${encoding} (it is not UTF-8)`,
          },
        ]
      : [];
    const p: Prepared = {
      mapping,
      concepts: new TaxonomyIndex(ctx.taxonomy),
      seen: new Set(),
      firstWarnings,
      acct: accountingFor(mapping, table.header, (c) => resolved.get(c) ?? c),
    };
    const report = progressReporter(ctx, table.rows.length);
    for (let index = 0; index < table.rows.length; index++) {
      report(index + 1);
      const row = table.rows[index]!;
      p.acct.countRow(row);
      const get: Getter = (c) => row[resolved.get(c) ?? c];
      const rowErr = table.rowErrors.get(index);
      const notes = (rowErr ?? []).map((e) => ({
        field: '',
        code: 'csv-row',
        fr: `ligne mal formée : ${e}`,
        en: `malformed row: ${e}`,
      }));
      yield rowToOutcome(get, index, ctx, p, notes.length ? { notes } : undefined);
    }
    ctx.fields?.(p.acct.report());
  },
};
