import * as z from 'zod/mini';
import {
  ConceptRef,
  DepartementCode,
  described,
  Email,
  IsoDateOrDateTime,
  Licence,
  RegionCode,
  SourceKey,
  text,
  WebUrl,
} from './common.ts';
import { Event } from './event.ts';
import { Indicator } from './indicator.ts';
import { msg } from './messages.ts';
import { Parcours } from './parcours.ts';
import { Service, Structure } from './structure.ts';
import { Taxonomy } from './taxonomy.ts';

/** The version of the feed format this SDK reads and writes. */
export const SCHEMA_VERSION = '1.0';

/** One source the feed was built from, with its own licence and the credit it asks for. */
export const FeedSource = z.object({
  id: SourceKey,
  name: text(1, 300),
  url: z.optional(WebUrl),
  licence: Licence,
  attribution: text(1, 5000),
  retrievedAt: z.optional(IsoDateOrDateTime),
});
export type FeedSource = z.infer<typeof FeedSource>;

/** A part served as a file: its URL (relative to the manifest or absolute), with optional checks. */
const PartFile = z.object({
  url: text(1, 2000).register(z.globalRegistry, {
    description: 'URL of a JSON array, relative to the manifest or absolute http(s).',
  }),
  count: z.optional(z.int().check(z.gte(0))),
  sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
});
/** A part split in shards (e.g. one file per département), each fetched only when needed. */
const PartShards = z.object({
  shardBy: z.enum(['departement', 'region']),
  shards: z.array(z.extend(PartFile, { key: text(1, 50) })).check(z.minLength(1)),
});

/** A list part: inline records, one file, or shards. Records are validated one by one. */
export const ListPart = z.union([z.array(z.unknown()), PartFile, PartShards]).register(z.globalRegistry, {
  description: 'Inline array of records, or { url }, or { shardBy, shards: [{ key, url }] }.',
});
export type ListPart = z.infer<typeof ListPart>;

/**
 * A subscribable calendar (.ics) published with the feed: all its events, or those of one département,
 * région or category. `url` is absolute when the feed's publisher gave its public address (`essaim build`
 * option `calendars.baseUrl`), else relative to the manifest.
 */
export const FeedCalendar = z.object({
  name: text(1, 500),
  url: z.string().check(z.minLength(1), z.maxLength(2000)),
  count: z.optional(z.int().check(z.gte(0))),
  departement: z.optional(DepartementCode),
  region: z.optional(RegionCode),
  category: described(ConceptRef, 'Event category or theme of the calendar.'),
});
export type FeedCalendar = z.infer<typeof FeedCalendar>;

/**
 * The feed manifest: what the feed is, who publishes it, under which licence, and its parts (inline or
 * as URLs). Each record of each part is validated on its own (see validate.ts).
 */
export const FeedManifest = z
  .object({
    $schema: z.optional(z.string()),
    schemaVersion: z
      .string()
      .check(
        z.regex(
          /^1\.\d+$/,
          msg(
            'Unsupported schemaVersion: this SDK reads feeds of format 1.x',
            'schemaVersion non prise en charge : ce SDK lit les flux au format 1.x',
          ),
        ),
      ),
    id: text(1, 200),
    title: text(1, 500),
    description: z.optional(text(0, 5000)),
    publisher: z.object({ name: text(1, 300), url: z.optional(WebUrl), email: z.optional(Email) }),
    licence: Licence,
    attribution: text(1, 5000).register(z.globalRegistry, {
      description: 'Credit to show wherever the data is displayed.',
    }),
    sources: z.optional(z.array(FeedSource)),
    updated: IsoDateOrDateTime,
    reportErrorUrl: described(
      z.string().check(z.regex(/^(?:https?:\/\/|mailto:)/i), z.maxLength(2000)),
      'Template of the "report an error" link; {id}, {name}, {source} and {url} are replaced (URL-encoded).',
    ),
    parts: z.object({
      structures: z.optional(ListPart),
      services: z.optional(ListPart),
      events: z.optional(ListPart),
      taxonomy: described(
        z.union([
          PartFile,
          z.object({ id: text(1, 200), version: text(1, 50), concepts: z.array(z.unknown()) }),
        ]),
        'The taxonomy, inline or as { url }; its concepts are validated one by one.',
      ),
      parcours: z.optional(ListPart),
      indicators: described(
        ListPart,
        'Official figures by territory (e.g. an ESS observatory’s), each with its source, year, unit and licence.',
      ),
    }),
    calendars: described(
      z.array(FeedCalendar),
      'Subscribable calendars (.ics) of the events, written by `essaim build`.',
    ),
    searchIndex: described(
      z.object({
        url: text(1, 2000).register(z.globalRegistry, {
          description:
            'URL of the index’s entry file (index.json), relative to the manifest or absolute http(s).',
        }),
        version: z.int().check(z.gte(1)),
        count: z.int().check(z.gte(0)),
        sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
        files: z.optional(z.int().check(z.gte(0))),
        bytes: z.optional(z.int().check(z.gte(0))),
      }),
      'The prebuilt static search index of the structures (`@essaim/sdk/static-index`, docs/static-index.md), written by `essaim build` with `index: true`: its entry file, format version, number of structures, and the entry file’s SHA-256.',
    ),
  })
  .register(z.globalRegistry, { title: 'Feed', description: 'The manifest of an Essaim feed.' });
export type FeedManifest = z.infer<typeof FeedManifest>;

/** Every record schema, by part name. */
export const RecordSchemas = {
  structures: Structure,
  services: Service,
  events: Event,
  parcours: Parcours,
  indicators: Indicator,
} as const;
export type PartName = keyof typeof RecordSchemas;
export { Taxonomy };
