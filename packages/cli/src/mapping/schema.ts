/**
 * The mapping language of the `csv`, `geojson`, `json` and `gogocarto-search` importers: how the columns
 * (or properties) of a publisher's file become the fields of feed structures. Written as zod schemas, the
 * source of truth for the checks (./check.ts), the JSON Schema (`essaim schema mapping`) and the
 * documentation (docs/publishing.md).
 */
import * as z from 'zod/mini';

/** Feed fields a mapping may fill (structures), as dotted paths. */
export const MAPPABLE_FIELDS = [
  'name',
  'alternateNames',
  'description',
  'family',
  'legalForms',
  'siret',
  'siren',
  'rna',
  'themes',
  'publics',
  'networks',
  'keywords',
  'address.street',
  'address.complement',
  'address.postcode',
  'address.commune',
  'address.cog.commune',
  'address.cog.departement',
  'address.cog.region',
  'address.country',
  'geo',
  'geo.lat',
  'geo.lon',
  'contacts.phone',
  'contacts.email',
  'contacts.website',
  'contacts.socials',
  'openingHours',
  'openingHoursText',
  'images',
  'url',
  'createdAt',
  'updatedAt',
  'provenance.url',
  'provenance.editUrl',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Fields that hold a list: a cell is split into several values. */
export const LIST_FIELDS: ReadonlySet<string> = new Set([
  'alternateNames',
  'legalForms',
  'themes',
  'publics',
  'networks',
  'keywords',
  'contacts.email',
  'contacts.socials',
  'images',
]);

const describe = <T extends z.core.$ZodType>(schema: T, description: string, id?: string): T => {
  z.globalRegistry.add(schema, id ? { id: `essaim-mapping-${id}`, description } : { description });
  return schema;
};

const Path = describe(
  z.string().check(z.minLength(1)),
  'A column name (CSV, matched exactly, then ignoring case and accents) or a property path (GeoJSON, JSON): "adresse.cp", "categories[].name" (every item of a list), "images[0]".',
  'Path',
);

const Scalar = describe(
  z.union([z.string(), z.number(), z.boolean()]),
  'A text, number or boolean.',
  'Scalar',
);
const Scalars = describe(z.union([Scalar, z.array(Scalar)]), 'A value or a list of values.', 'Scalars');

/**
 * Date formats (read by normalize/dates.ts `parseDateLoose`): tokens YYYY YY MMMM MMM MM M DD D HH H mm ss
 * with any separators, or "epoch-s", "epoch-ms", "serial".
 */
export const DATE_FORMAT =
  /^(?:epoch-s|epoch-ms|serial|(?:YYYY|YY|MMMM|MMM|MM|M|DD|D|HH|H|mm|ss|[^A-Za-z0-9])+)$/;

export const ValueMap = describe(
  z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])),
  'Source value → feed value (or list of values); null drops the value. Keys are compared ignoring case, accents and punctuation, and numbers by value ("9220" matches "9220.0"). A source value that matches no key is kept as written when the field accepts free text, else dropped with a warning; either way it is counted in the build report.',
  'ValueMap',
);

export const FieldSpecObject = z.strictObject({
  column: z.optional(Path),
  columns: z.optional(
    describe(
      z.array(Path).check(z.minLength(1)),
      'Several columns joined into one value with "join" (default: a space), e.g. ["Numéro", "Voie"].',
    ),
  ),
  join: z.optional(describe(z.string(), 'Separator used by "columns" and "labels".')),
  fallback: z.optional(
    describe(
      z.array(Path).check(z.minLength(1)),
      'Columns tried in order when "column" (or "columns") is empty on a row.',
    ),
  ),
  value: z.optional(
    describe(
      z.union([Scalar, z.array(z.string())]),
      'A constant, the same for every row (e.g. a région, a family, a network).',
    ),
  ),
  labels: z.optional(
    describe(
      z.record(z.string(), Path),
      'Labelled join: label → column. Each non-empty column is written "label : value". For openingHours, labels are days ("Mo" or "lundi" or "monday"…): the columns become OpenStreetMap opening_hours when every cell reads as hours ("09:00 - 12:00 / 14:00 - 17:00"), else openingHoursText with the day names.',
    ),
  ),
  pattern: z.optional(
    describe(
      z.string().check(z.minLength(1)),
      'A regular expression: the value is its first capture group (or the whole match) within the cell, e.g. "(\\\\d{2}/\\\\d{2}/\\\\d{4})" for "Espace labellisé 01/02/2020". A cell where it does not match is dropped with a warning.',
    ),
  ),
  format: z.optional(
    describe(
      z.string().check(z.regex(DATE_FORMAT)),
      'Date fields: the format of the cell, with tokens YYYY, YY, MMMM or MMM (a month name, French or English), MM, M, DD, D, HH, H, mm, ss ("DD/MM/YYYY", "MM-DD-YY", "MMM-YY", "YYYY-MM-DD HH:mm"), or "epoch-s", "epoch-ms", "serial" (spreadsheet day number). Without it, ISO, French (29/12/2017), month names ("Décembre 2019") and other usual forms are recognised.',
    ),
  ),
  split: z.optional(
    describe(
      z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1)))]),
      'Separator(s) of a list written in one cell, as literal text (e.g. " - " or [";", ","]). List fields are split on ";", "," , "|" and new lines by default; a single-value field given "split" keeps the first item and reports the others.',
    ),
  ),
  map: z.optional(ValueMap),
});

export const FieldSpec = describe(
  z.union([Path, FieldSpecObject]),
  'A column name, or an object saying where the value comes from (column, columns, fallback, value, labels) and how to read it (pattern, format, split, map).',
  'FieldSpec',
);
export type FieldSpec = z.infer<typeof FieldSpec>;
export type FieldSpecObject = z.infer<typeof FieldSpecObject>;
export type ValueMap = z.infer<typeof ValueMap>;

export const Condition = describe(
  z.strictObject({
    column: Path,
    equals: describe(
      z.optional(Scalars),
      'Keep the row when the cell equals this value (or one of these), compared ignoring case and accents, numbers by value; true matches "true", "oui", "yes", "1", "x".',
    ),
    notEquals: describe(z.optional(Scalars), 'Keep the row when the cell equals none of these.'),
    empty: z.optional(
      describe(z.boolean(), 'true: keep rows where the cell is empty; false: keep rows where it is not.'),
    ),
  }),
  'A condition on a column: equals, notEquals, empty.',
  'Condition',
);
export type Condition = z.infer<typeof Condition>;

const fieldsShape = Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, z.optional(FieldSpec)])) as Record<
  MappableField,
  z.ZodMiniOptional<typeof FieldSpec>
>;

export const TabularMapping = z.strictObject({
  $schema: z.optional(z.string()),
  description: z.optional(describe(z.string(), 'Free text for the people who maintain the mapping.')),
  id: describe(
    z.union([
      Path,
      z.strictObject({
        column: z.optional(Path),
        columns: z.optional(z.array(Path).check(z.minLength(1))),
      }),
    ]),
    'The column holding each row\'s stable id, or {"columns": [...]} to build one from several columns. "$id" is a GeoJSON feature\'s id. A row without an id is rejected.',
  ),
  where: z.optional(
    describe(
      z.union([Condition, z.array(Condition)]),
      'Row filter: only rows meeting every condition are imported; the others are counted in the report as left out by the filter.',
    ),
  ),
  fields: describe(
    z.strictObject(fieldsShape),
    'Feed field → where its value comes from. "name" is required.',
  ),
  values: z.optional(
    describe(z.record(z.string(), ValueMap), 'Value maps by feed field (same as "map" in a field).'),
  ),
  defaults: z.optional(
    describe(
      z.record(z.string(), z.unknown()),
      'Values for fields a row does not give: "family", "updatedAt" (the date of the file\'s data, strongly advised), "address.country"…',
    ),
  ),
  inferFamily: z.optional(
    describe(z.boolean(), 'When no family is given, infer it from the name ("Association …", "SCOP …").'),
  ),
  csv: z.optional(
    z.strictObject({
      delimiter: z.optional(
        describe(
          z.string(),
          'The separator: "auto" (default: detected among ";", ",", tab, "|") or the character.',
        ),
      ),
      encoding: z.optional(
        describe(
          z.enum(['auto', 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'latin1', 'iso-8859-1']),
          'Text encoding (default "auto": UTF-8, UTF-16 with a BOM, else Windows-1252).',
        ),
      ),
    }),
  ),
});
export type TabularMapping = z.infer<typeof TabularMapping>;

export const MAPPING_SCHEMA_ID = 'urn:essaim:schema:mapping:1';

/** The mapping language as a JSON Schema (draft 2020-12), for editors (`"$schema"`) and other tools. */
export function mappingJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(TabularMapping, {
    unrepresentable: 'any',
    io: 'input',
    reused: 'ref',
  }) as Record<string, unknown>;
  const { $schema: _s, ...rest } = schema;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: MAPPING_SCHEMA_ID,
    title: 'Essaim mapping (csv, geojson, json, gogocarto-search importers)',
    description:
      "How the columns or properties of a publisher's file become the fields of Essaim structures. See docs/publishing.md.",
    ...rest,
  };
}

export function mappingJsonSchemaText(): string {
  return `${JSON.stringify(mappingJsonSchema(), null, 2)}\n`;
}
