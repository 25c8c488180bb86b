/**
 * The importer contract. An importer reads one source (a file the publisher already has) and yields, for
 * every input record, exactly one outcome: a record in the feed's shape, or a rejection with its reason.
 * Nothing is dropped silently: the build counts outcomes per source, and received = accepted + rejected
 * (+ merged, counted later by the build when duplicates across sources are merged).
 */
import type { Event, Service, Structure, Taxonomy } from '@essaim/sdk';

/** A source as declared in essaim.config.(json|ts). */
export interface SourceConfig {
  /** Source key, used as the id prefix (`<id>--<localId>`) and in provenance: lowercase, digits, - and _. */
  id: string;
  /** Which importer reads it: 'gogocarto', 'gogocarto-search', 'openagenda-export', 'openagenda-v2', 'ics', 'data-inclusion', 'csv', 'geojson', 'json'. */
  type: string;
  /** Path of the input file, relative to the config file. */
  path: string;
  /** Human name of the source, shown in provenance ("Transiscope"). */
  name: string;
  url?: string;
  licence: { id: string; name: string; url?: string };
  attribution: string;
  /** Importer-specific options (e.g. the GoGoCarto taxonomy file, a CSV mapping file, a default family). */
  options?: Record<string, unknown>;
}

/**
 * Something an importer fixed, guessed or dropped in a record it still accepted: a phone number that could
 * not be read, coordinates given as longitude/latitude, a misspelled key. The record loads; the warning
 * tells the publisher what to correct at the source.
 *
 * Added (optional) to the accepted outcomes rather than emitted as separate outcomes, so that the rule
 * "one outcome per input record" keeps holding and the build can count and show warnings per record.
 */
export interface ImportWarning {
  /** Feed field concerned, as a dotted path ("contacts.phone", "geo", "address.postcode"). */
  field: string;
  /** Stable code for grouping and counting, e.g. "phone-invalid", "coordinates-swapped". */
  code: string;
  fr: string;
  en: string;
  /** The source value concerned, as written in the file (shown in the report's examples). */
  value?: string;
}

/** Why a record was rejected; `code` (optional, stable) lets the build group and count reasons. */
export interface RejectionReason {
  fr: string;
  en: string;
  code?: string;
}

export type ImportOutcome =
  | { kind: 'structure'; index: number; record: Structure; warnings?: ImportWarning[] }
  | { kind: 'service'; index: number; record: Service; warnings?: ImportWarning[] }
  | { kind: 'event'; index: number; record: Event; warnings?: ImportWarning[] }
  | {
      kind: 'rejected';
      /** Position of the input record in its file (0-based). */
      index: number;
      /** The record's id in the source, when it had one. */
      localId?: string;
      part: 'structures' | 'services' | 'events';
      reasons: RejectionReason[];
    };

/** Places lookups the importers need to derive COG codes (backed by @essaim/sdk/places). */
export interface PlacesLookup {
  /** Best commune for a postcode and/or a commune name written any way; undefined when unsure. */
  lookupCommune(q: { postcode?: string; name?: string; lat?: number; lon?: number }):
    | {
        code: string;
        name: string;
        postcode?: string;
        epci?: string;
        departement: string;
        region: string;
        lat?: number;
        lon?: number;
      }
    | undefined;
  /**
   * The commune with this official INSEE code (optional: importers fall back to the département read from
   * the code itself when it is absent). Added because several sources (OpenAgenda `location_insee`,
   * data·inclusion `code_insee`) give the code, and their EPCI and région can only come from the COG list.
   */
  communeByCode?(code: string):
    | {
        code: string;
        name: string;
        postcode?: string;
        epci?: string;
        departement: string;
        region: string;
        lat?: number;
        lon?: number;
      }
    | undefined;
}

export interface ImportContext {
  source: SourceConfig;
  /** Directory of the config file (paths are relative to it). */
  baseDir: string;
  places: PlacesLookup;
  /** The feed's taxonomy, for mapping source categories to our concepts. */
  taxonomy: Taxonomy;
  /** Reports progress on long inputs (records read so far, total when known). */
  progress?: (done: number, total?: number) => void;
  /** Receives the field-level accounting of the source, once, after its last outcome (see FieldReport). */
  fields?: (report: FieldReport) => void;
  /**
   * Given the parsed JSON of the source file (by `readJson`), returns the document the importer reads:
   * the registry uses it to see which properties of the records an importer reads (see field-fallback.ts).
   */
  observeSource?: (doc: unknown) => unknown;
}

export interface Importer {
  type: string;
  /** What the importer expects, said in the error when a file has the wrong shape. */
  expects: string;
  run(ctx: ImportContext): AsyncIterable<ImportOutcome>;
}

/** Thrown when an input file is not of the shape its importer expects (a clear, bilingual error). */
export class WrongShapeError extends Error {
  constructor(
    readonly importer: string,
    readonly file: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${file}: the "${importer}" importer expected ${expected}, but found ${found}.`);
    this.name = 'WrongShapeError';
  }
}

/**
 * What became of every field of a source (importers that know their input's columns give it through
 * `ImportContext.fields`; the build puts it in the report beside the warnings): each column or property
 * with how many records gave it a value and the feed fields it fed (none: not used), each mapped feed
 * field with how many records it got a value from, the source values a value map did not match, and the
 * rows a filter left out.
 */
export interface FieldReport {
  columns: Array<{ name: string; nonEmpty: number; fields: string[] }>;
  /** Columns with values that no feed field uses. */
  unused: string[];
  /** Each mapped feed field with the number of records whose source gave it a value (0: check the mapping). */
  mapped?: Array<{ field: string; from: string[]; filled: number }>;
  unmatched: Array<{ field: string; value: string; count: number; examples: string[] }>;
  /** Records left out by the mapping's `where` filter (counted among the rejections too). */
  filtered?: number;
}
