/**
 * What a page can show before the feed is validated: the client hands out a *preview* of the records
 * as soon as the files are in, then loads the validation (zod and the schemas, the biggest part of the
 * SDK) and replaces the preview with the validated feed, reporting every rejected record.
 *
 * The preview is zod-free on purpose: it keeps only records with the shape a widget needs to show them
 * without failing (an object with a string id and name, lists that are lists, objects that are objects).
 * Everything else waits for the validation. Records are rendered as text and links are checked at render
 * time, so an unvalidated record shown for a moment cannot run anything.
 *
 * @module
 */
import { FeedFormatError, FeedUnsupportedVersionError } from './errors.ts';
import type { Feed, RawParts } from './feed.ts';
import type { FeedManifest } from './schema/feed.ts';
import type { ValidationIssue } from './validate.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const optStr = (v: unknown) => v === undefined || typeof v === 'string';
const optObj = (v: unknown) => v === undefined || isObj(v);
const optStrList = (v: unknown) =>
  v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
const optList = (v: unknown) => v === undefined || Array.isArray(v);

function issue(path: string, fr: string, en: string): ValidationIssue {
  return { path, code: 'invalid_type', message: { fr, en } };
}

/**
 * The checks the client needs before it can fetch the parts: the format version, and parts that are
 * arrays, `{ url }` or `{ shardBy, shards: [{ key, url }] }`. The whole manifest is validated with the
 * rest of the feed. Throws FeedUnsupportedVersionError or FeedFormatError.
 */
export function checkManifestShape(body: unknown, url: string | undefined): FeedManifest {
  if (isObj(body) && typeof body.schemaVersion === 'string') {
    const major = /^(\d+)\./.exec(body.schemaVersion)?.[1];
    if (major !== undefined && Number(major) > 1)
      throw new FeedUnsupportedVersionError(body.schemaVersion, { url });
  }
  const issues: ValidationIssue[] = [];
  if (!isObj(body))
    issues.push(issue('', 'Le manifeste devrait être un objet JSON', 'The manifest should be a JSON object'));
  else if (typeof body.schemaVersion !== 'string')
    issues.push(issue('schemaVersion', 'Champ obligatoire manquant', 'Missing required field'));
  else if (!isObj(body.parts))
    issues.push(issue('parts', 'Champ obligatoire manquant', 'Missing required field'));
  else {
    for (const [name, part] of Object.entries(body.parts)) {
      const ok =
        part === undefined ||
        Array.isArray(part) ||
        (isObj(part) &&
          (isStr(part.url) ||
            (name !== 'taxonomy' &&
              (part.shardBy === 'departement' || part.shardBy === 'region') &&
              Array.isArray(part.shards) &&
              part.shards.length > 0 &&
              part.shards.every((s) => isObj(s) && isStr(s.key) && isStr(s.url))) ||
            (name === 'taxonomy' && Array.isArray(part.concepts))));
      if (!ok)
        issues.push(
          issue(
            `parts.${name}`,
            'Une partie est un tableau, { url } ou { shardBy, shards }',
            'A part is an array, { url } or { shardBy, shards }',
          ),
        );
    }
  }
  if (issues.length) throw new FeedFormatError('not-a-manifest', { url, issues });
  return body as unknown as FeedManifest;
}

/** Shapes a widget relies on, by part. */
const optNum = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const optGeo = (v: unknown) => v === undefined || (isObj(v) && optNum(v.lat) && optNum(v.lon));
const optAddress = (v: unknown) =>
  v === undefined ||
  (isObj(v) && optStr(v.commune) && optStr(v.postcode) && optStr(v.street) && optObj(v.cog));

/** Shapes a widget relies on, by part. */
const SHOWABLE: Record<'structures' | 'services' | 'events' | 'parcours' | 'concepts', (r: Obj) => boolean> =
  {
    structures: (r) =>
      isStr(r.name) &&
      optStr(r.family) &&
      optStr(r.description) &&
      optStrList(r.legalForms) &&
      optStrList(r.alternateNames) &&
      optStrList(r.themes) &&
      optStrList(r.publics) &&
      optStrList(r.keywords) &&
      optStrList(r.networks) &&
      optAddress(r.address) &&
      optGeo(r.geo) &&
      optObj(r.contacts) &&
      optObj(r.accessibility) &&
      optList(r.provenance),
    services: (r) => isStr(r.structureId) && isStr(r.name) && optStrList(r.themes) && optStrList(r.publics),
    events: (r) =>
      isStr(r.title) &&
      isStr(r.start) &&
      optStr(r.end) &&
      optList(r.occurrences) &&
      optStr(r.rrule) &&
      optStrList(r.exdates) &&
      optStrList(r.organizerIds) &&
      optStrList(r.categories) &&
      optStrList(r.themes) &&
      optObj(r.place),
    parcours: (r) => isStr(r.start) && Array.isArray(r.steps) && r.steps.every(isObj) && isObj(r.title),
    concepts: (r) => isStr(r.scheme) && isStr(r.slug) && isObj(r.label) && isStr((r.label as Obj).fr),
  };

function showable<T>(value: unknown, kind: keyof typeof SHOWABLE): T[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of value) {
    if (!isObj(r) || !isStr(r.id) || seen.has(r.id) || !SHOWABLE[kind](r)) continue;
    seen.add(r.id);
    out.push(r as T);
  }
  return out;
}

/**
 * A feed made of the records that have the shape a widget needs (see module doc), before validation.
 * Its report is empty: the validated feed that follows carries the real one.
 */
export function previewFeed(manifest: FeedManifest, raw: RawParts): Feed {
  const t = isObj(raw.taxonomy) ? raw.taxonomy : undefined;
  return {
    manifest,
    structures: showable(raw.structures, 'structures'),
    services: showable(raw.services, 'services'),
    events: showable(raw.events, 'events'),
    parcours: showable(raw.parcours, 'parcours'),
    taxonomy: {
      id: isStr(t?.id) ? t.id : 'taxonomy',
      version: isStr(t?.version) ? t.version : '0',
      concepts: showable(t ? t.concepts : raw.taxonomy, 'concepts'),
    },
    report: { parts: {}, rejections: [], warnings: [] },
  };
}
