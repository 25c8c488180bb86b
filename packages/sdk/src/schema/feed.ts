import { z } from 'zod';
import { Email, IsoDateOrDateTime, WebUrl } from './common.ts';
import { Event } from './event.ts';
import { Parcours } from './parcours.ts';
import { Service, Structure } from './structure.ts';
import { Taxonomy } from './taxonomy.ts';
import { msg } from './messages.ts';

/** The version of the feed format this SDK reads and writes. */
export const SCHEMA_VERSION = '1.0';

export const Licence = z.object({
  id: z.string().min(1).meta({ description: 'SPDX-like id, e.g. "ODbL-1.0", "etalab-2.0".' }),
  name: z.string().min(1),
  url: WebUrl.optional(),
});
export type Licence = z.infer<typeof Licence>;

/** One source the feed was built from, with its own licence and the credit it asks for. */
export const FeedSource = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
  name: z.string().min(1),
  url: WebUrl.optional(),
  licence: Licence,
  attribution: z.string().min(1),
  retrievedAt: IsoDateOrDateTime.optional(),
});
export type FeedSource = z.infer<typeof FeedSource>;

/** A part served as a file: its URL (relative to the manifest or absolute), with optional checks. */
const PartFile = z.object({
  url: z
    .string()
    .min(1)
    .meta({ description: 'URL of a JSON array, relative to the manifest or absolute http(s).' }),
  count: z.number().int().min(0).optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
/** A part split in shards (e.g. one file per département), each fetched only when needed. */
const PartShards = z.object({
  shardBy: z.enum(['departement', 'region']),
  shards: z.array(PartFile.extend({ key: z.string().min(1) })).min(1),
});

/** A list part: inline records, one file, or shards. Records are validated one by one. */
export const ListPart = z.union([z.array(z.unknown()), PartFile, PartShards]).meta({
  description: 'Inline array of records, or { url }, or { shardBy, shards: [{ key, url }] }.',
});
export type ListPart = z.infer<typeof ListPart>;

/**
 * The feed manifest: what the feed is, who publishes it, under which licence, and its parts (inline or
 * as URLs). Each record of each part is validated on its own (see validate.ts).
 */
export const FeedManifest = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z
      .string()
      .regex(
        /^1\.\d+$/,
        msg(
          'Unsupported schemaVersion: this SDK reads feeds of format 1.x',
          'schemaVersion non prise en charge : ce SDK lit les flux au format 1.x',
        ),
      ),
    id: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
    publisher: z.object({ name: z.string().min(1), url: WebUrl.optional(), email: Email.optional() }),
    licence: Licence,
    attribution: z.string().min(1).meta({ description: 'Credit to show wherever the data is displayed.' }),
    sources: z.array(FeedSource).optional(),
    updated: IsoDateOrDateTime,
    reportErrorUrl: z
      .string()
      .regex(/^(?:https?:\/\/|mailto:)/i)
      .optional()
      .meta({
        description:
          'Template of the "report an error" link; {id}, {name}, {source} and {url} are replaced (URL-encoded).',
      }),
    parts: z.object({
      structures: ListPart.optional(),
      services: ListPart.optional(),
      events: ListPart.optional(),
      taxonomy: z
        .union([
          PartFile,
          z.object({ id: z.string().min(1), version: z.string().min(1), concepts: z.array(z.unknown()) }),
        ])
        .optional()
        .meta({ description: 'The taxonomy, inline or as { url }; its concepts are validated one by one.' }),
      parcours: ListPart.optional(),
    }),
  })
  .meta({ title: 'Feed', description: 'The manifest of an Essaim feed.' });
export type FeedManifest = z.infer<typeof FeedManifest>;

/** Every record schema, by part name. */
export const RecordSchemas = {
  structures: Structure,
  services: Service,
  events: Event,
  parcours: Parcours,
} as const;
export type PartName = keyof typeof RecordSchemas;
export { Taxonomy };
