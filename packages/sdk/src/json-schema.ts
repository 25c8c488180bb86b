/**
 * The feed's JSON Schema (draft 2020-12), generated from the zod schemas, which are the source of truth.
 * `packages/sdk/feed.schema.json` is this document, committed; a test fails when they drift apart.
 */
import * as z from 'zod/mini';
import {
  Concept,
  Event,
  FeedManifest,
  Indicator,
  Parcours,
  Service,
  Structure,
  Taxonomy,
} from './schema/index.ts';

export const FEED_SCHEMA_ID = 'urn:essaim:schema:feed:1';

export function feedJsonSchema(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  const parts = {
    Feed: FeedManifest,
    Structure,
    Service,
    Event,
    Taxonomy,
    Concept,
    Parcours,
    Indicator,
  } as const;
  for (const [id, schema] of Object.entries(parts)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `#/$defs/${id}`,
    unrepresentable: 'any',
    io: 'input',
  });
  const defs: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _ignored, $id: _id, ...rest } = schema as Record<string, unknown>;
    defs[id] = rest;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: FEED_SCHEMA_ID,
    title: 'Essaim feed',
    description:
      'An Essaim feed of the French social and solidarity economy (ESS): a manifest (this document) whose parts are arrays of Structure, Service, Event, Parcours and Indicator records and a Taxonomy. Each record is validated on its own.',
    $ref: '#/$defs/Feed',
    $defs: defs,
  };
}

/** The schema as the committed file holds it (stable key order, 2-space indent, final newline). */
export function feedJsonSchemaText(): string {
  return `${JSON.stringify(feedJsonSchema(), null, 2)}\n`;
}
