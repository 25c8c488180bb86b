/**
 * A hostile feed generated from the feed's JSON Schema (test fixture, not real data): every free string
 * field of every part, at any depth, holds the same HTML/script payload, and every URL field a URL
 * that tries to break out of its attribute. Being derived from `feedJsonSchema()`, a field added to the
 * schema later gets a payload without touching this file.
 */
import { feedJsonSchema } from '@essaim/sdk';

type Schema = Record<string, unknown>;

/** Text payload: markup, handlers, a script, an ICS line break, a CSV formula. */
export const TEXT_PAYLOAD =
  '=HYPERLINK("x")\r\nATTACH:https://evil.example/\r\nBEGIN:VALARM;"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><svg onload="window.__pwned=3"></svg><iframe src="javascript:window.__pwned=4"></iframe></script><!--';
/** URL payload that still passes the schema's http(s) check. */
export const URL_PAYLOAD =
  'https://example.org/?q="><script>window.__pwned=5</script><img src=x onerror="window.__pwned=6">';
/** URL payloads the schema must refuse (a record carrying one is rejected, never rendered). */
export const REFUSED_URLS = [
  'javascript:window.__pwned=7',
  'JaVaScRiPt:window.__pwned=8',
  'data:text/html,<script>window.__pwned=9</script>',
  '"><script>window.__pwned=10</script>',
];

/** Valid samples for strings whose format or pattern refuses a payload (the first that matches is used). */
const SAMPLES = [
  'test--hostile',
  '93066',
  '200054781',
  '93',
  '11',
  '93100',
  '12345678901234',
  '123456789',
  'W123456789',
  '+33 1 23 45 67 89',
  'FR',
  'Europe/Paris',
  'ab',
  '#ff0000',
  'a'.repeat(64), // a SHA-256 (the manifest's searchIndex)
  '1.0',
  'FREQ=WEEKLY;COUNT=2',
];
const FORMATS: Record<string, string> = {
  email: 'contact@example.org',
  date: '2026-03-10',
  'date-time': '2026-03-10T18:00:00+01:00',
};

export interface Generated {
  value: unknown;
  /** Paths of free text fields (payload). */
  text: string[];
  /** Paths of URL fields (URL payload). */
  urls: string[];
  /** Paths whose format, pattern or enum refuses a payload, with the valid value used. */
  restricted: string[];
}

const defs = () => (feedJsonSchema() as { $defs: Record<string, Schema> }).$defs;

function isUrl(s: Schema): boolean {
  return s.format === 'uri' || (typeof s.pattern === 'string' && s.pattern.includes('https?'));
}

/** The maximal value of `schema`: every optional property present, one item per array. */
export function generate(name: string): Generated {
  const all = defs();
  const out: Generated = { value: undefined, text: [], urls: [], restricted: [] };
  const walk = (s: Schema, path: string, depth: number): unknown => {
    if (depth > 12 || typeof s !== 'object' || s === null) return undefined; // `true`/`false` schemas
    if (typeof s.$ref === 'string') return walk(all[s.$ref.split('/').pop()!]!, path, depth + 1);
    if ('const' in s) return s.const;
    const union = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
    if (union) {
      // Every branch's fields are visited (each under its own path), the first branch is the value.
      let first: unknown;
      union.forEach((b, i) => {
        const v = walk(b, union.length > 1 ? `${path}|${i}` : path, depth + 1);
        if (i === 0) first = v;
      });
      return first;
    }
    if (Array.isArray(s.enum)) return s.enum[0];
    switch (s.type) {
      case 'object': {
        const o: Record<string, unknown> = {};
        for (const [k, p] of Object.entries((s.properties ?? {}) as Record<string, Schema>))
          o[k] = walk(p, path ? `${path}.${k}` : k, depth + 1);
        if (!s.properties && s.additionalProperties && typeof s.additionalProperties === 'object')
          o.fr = walk(s.additionalProperties as Schema, `${path}.*`, depth + 1);
        return o;
      }
      case 'array': {
        // A tuple (e.g. an opening-hours interval [start, end, unknown?, comment?]): every position.
        if (Array.isArray(s.prefixItems))
          return (s.prefixItems as Schema[]).map((p, i) => walk(p, `${path}[${i}]`, depth + 1));
        const item = walk((s.items ?? {}) as Schema, `${path}[]`, depth + 1);
        // As many items as the schema asks for (a week is 7 days), one otherwise.
        const n = typeof s.minItems === 'number' && s.minItems > 1 ? s.minItems : 1;
        return item === undefined ? [] : Array.from({ length: n }, () => structuredClone(item));
      }
      case 'number':
      case 'integer':
        return typeof s.minimum === 'number' ? s.minimum : 1;
      case 'boolean':
        return true;
      case 'string': {
        if (isUrl(s)) {
          out.urls.push(path);
          return URL_PAYLOAD;
        }
        if (typeof s.format === 'string' && FORMATS[s.format]) {
          out.restricted.push(path);
          return FORMATS[s.format];
        }
        if (typeof s.pattern === 'string') {
          const re = new RegExp(s.pattern);
          out.restricted.push(path);
          return SAMPLES.find((x) => re.test(x)) ?? `no sample for ${s.pattern}`;
        }
        out.text.push(path);
        return TEXT_PAYLOAD;
      }
      default:
        return undefined;
    }
  };
  out.value = walk(all[name]!, '', 0);
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: generated JSON, walked by the tests
type Obj = Record<string, any>;

/**
 * Fields whose own checks refuse the payload (identifiers, references, codes, time zone…), each set to a
 * valid value: the explicit skip list. Everything else holds the payload.
 */
export const SKIPPED: Record<Part, string[]> = {
  structures: ['id', 'themes[]', 'publics[]', 'address.commune', 'address.country'],
  events: [
    'id',
    'timeZone',
    'end',
    'allDay',
    'place.address.commune',
    'place.address.country',
    'categories[]',
    'themes[]',
    'audience.publics[]',
  ],
  parcours: [
    'id',
    'version',
    'start',
    'alternatives',
    'steps[].id',
    'steps[].next',
    'steps[].options[].id',
    'steps[].options[].next',
    'steps[].options[].empty',
  ],
  taxonomy: ['id', 'version', 'concepts[].id', 'concepts[].parent'],
  manifest: ['id', 'licence.id', 'sources[].licence.id', 'calendars', 'parts'],
};

/** The hostile feed: two structures, one event, one parcours, a taxonomy and a manifest, all generated. */
export type Part = 'structures' | 'events' | 'parcours' | 'taxonomy' | 'manifest';

export function hostileFeed(): { feed: Obj; paths: Record<Part, Generated> } {
  const paths: Record<Part, Generated> = {
    structures: generate('Structure'),
    events: generate('Event'),
    parcours: generate('Parcours'),
    taxonomy: generate('Taxonomy'),
    manifest: generate('Feed'),
  };
  const structure = (id: string): Obj => {
    const s = structuredClone(paths.structures.value) as Obj;
    Object.assign(s, { id: `hostile--${id}`, themes: ['theme--alimentation'], publics: [] });
    Object.assign(s.address, { commune: 'Saint-Denis', country: 'FR' });
    return s;
  };
  const event = structuredClone(paths.events.value) as Obj;
  Object.assign(event, {
    id: 'hostile--event',
    timeZone: 'Europe/Paris',
    allDay: false,
    end: '2026-03-10T20:00:00+01:00',
    categories: [],
    themes: ['theme--alimentation'],
  });
  event.occurrences[0].end = '2026-03-10T20:00:00+01:00';
  Object.assign(event.place.address, { commune: 'Saint-Denis', country: 'FR' });
  event.audience.publics = [];
  const parcours = structuredClone(paths.parcours.value) as Obj;
  Object.assign(parcours, { id: 'hostile', version: '1', start: 'q', alternatives: [] });
  const step = parcours.steps[0];
  Object.assign(step, { id: 'q', kind: 'single', required: false });
  delete step.next;
  Object.assign(step.options[0], { id: 'o' });
  delete step.options[0].next;
  delete step.options[0].empty;
  step.options[0].criteria[0].field = 'text'; // its values and label keep the payload
  const taxonomy = structuredClone(paths.taxonomy.value) as Obj;
  Object.assign(taxonomy, { id: 'hostile', version: '1' });
  Object.assign(taxonomy.concepts[0], { id: 'theme--alimentation', scheme: 'themes', slug: 'alimentation' });
  delete taxonomy.concepts[0].parent;
  const manifest = structuredClone(paths.manifest.value) as Obj;
  Object.assign(manifest, { id: 'hostile', licence: { ...manifest.licence, id: 'ODbL-1.0' } });
  manifest.sources[0].licence.id = 'ODbL-1.0';
  delete manifest.calendars;
  manifest.parts = {
    structures: [structure('a'), structure('b')],
    events: [event],
    parcours: [parcours],
    taxonomy,
  };
  return { feed: manifest, paths };
}
