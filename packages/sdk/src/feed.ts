/**
 * Assembling a feed: from a validated manifest and the raw content of its parts to typed, validated
 * records and one report. Pure: no network (the client resolves URLs and shards, then calls this).
 */
import type { FeedManifest } from './schema/feed.ts';
import type { Concept, Event, Indicator, Parcours, Service, Structure, Taxonomy } from './schema/index.ts';
import {
  Event as EventSchema,
  Indicator as IndicatorSchema,
  Parcours as ParcoursSchema,
  Service as ServiceSchema,
  Structure as StructureSchema,
} from './schema/index.ts';
import {
  checkReferences,
  emptyReport,
  validateConcepts,
  validateRecords,
  type ValidationReport,
} from './validate.ts';

/** The raw content of each part, as fetched or given inline (arrays of unknown records). */
export interface RawParts {
  structures?: unknown;
  services?: unknown;
  events?: unknown;
  taxonomy?: unknown;
  parcours?: unknown;
  indicators?: unknown;
}

/** A loaded feed: the manifest, the valid records of each part, and the report of what was rejected. */
export interface Feed {
  manifest: FeedManifest;
  structures: Structure[];
  services: Service[];
  events: Event[];
  taxonomy: Taxonomy;
  parcours: Parcours[];
  /** Official figures by territory (the optional `indicators` part; absent from feeds built before it). */
  indicators?: Indicator[];
  report: ValidationReport;
}

const NO_TAXONOMY = { id: 'none', version: '0', concepts: [] };

/** Validates every record of every part on its own and links them (services → structures, events → organisers). */
export function assembleFeed(manifest: FeedManifest, raw: RawParts): Feed {
  const report = emptyReport();
  const part = <T>(
    name: 'structures' | 'services' | 'events' | 'parcours' | 'indicators',
    schema: Parameters<typeof validateRecords>[2],
    value: unknown,
  ): T[] => (value === undefined ? [] : (validateRecords(name, value, schema, report).records as T[]));

  const structures = part<Structure>('structures', StructureSchema, raw.structures);
  const rawServices = part<Service>('services', ServiceSchema, raw.services);
  const events = part<Event>('events', EventSchema, raw.events);
  const parcours = part<Parcours>('parcours', ParcoursSchema, raw.parcours);
  const indicators = part<Indicator>('indicators', IndicatorSchema, raw.indicators);

  let taxonomy: Taxonomy = NO_TAXONOMY;
  if (raw.taxonomy !== undefined) {
    const t = raw.taxonomy as { id?: unknown; version?: unknown; concepts?: unknown };
    const concepts: Concept[] = validateConcepts(t?.concepts ?? raw.taxonomy, report);
    taxonomy = {
      id: typeof t?.id === 'string' ? t.id : 'taxonomy',
      version: typeof t?.version === 'string' ? t.version : '0',
      concepts,
    };
  }
  const { services } = checkReferences({ structures, services: rawServices, events }, report);
  return { manifest, structures, services, events, taxonomy, parcours, indicators, report };
}
