/**
 * Validation that loses nothing: every record is validated on its own, so one bad record never empties
 * a feed. Valid records load; each rejected one is reported with its position, its id when it has one,
 * the field path and the reason in French and English. For every part, accepted + rejected = received.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import fr from 'zod/v4/locales/fr.js';
import { Concept, type Concept as ConceptT } from './schema/taxonomy.ts';
import { FeedManifest, RecordSchemas, type PartName } from './schema/feed.ts';
import { frenchOf } from './schema/messages.ts';
import type { Event, Parcours, Service, Structure } from './schema/index.ts';

export type ReportPart = PartName | 'taxonomy' | 'manifest';

export interface ValidationIssue {
  /** Dotted path of the field inside the record, e.g. "address.postcode" or "provenance.0.url". */
  path: string;
  /** zod issue code, or one of ours: "duplicate_id", "unknown_structure", "not_an_object". */
  code: string;
  message: { fr: string; en: string };
}

export interface Rejection {
  part: ReportPart;
  /** Position of the record in the part as received (0-based). */
  index: number;
  /** The record's id when it had a string one. */
  id?: string;
  issues: ValidationIssue[];
}

/** Something worth fixing that did not stop the record from loading. */
export interface Warning {
  part: ReportPart;
  index: number;
  id?: string;
  code: string;
  message: { fr: string; en: string };
}

export interface PartCounts {
  received: number;
  accepted: number;
  rejected: number;
}

export interface ValidationReport {
  parts: Partial<Record<ReportPart, PartCounts>>;
  rejections: Rejection[];
  warnings: Warning[];
}

// Only the two locales the report needs (not zod's whole `locales` namespace).
const frLocale = fr().localeError;
const enLocale = en().localeError;

function localize(fn: typeof frLocale, issue: z.core.$ZodIssue): string | undefined {
  const r = fn(issue as unknown as z.core.$ZodRawIssue);
  return typeof r === 'string' ? r : r?.message;
}

/** French and English messages for a zod issue (our custom messages first, then zod's locales). */
export function issueMessages(issue: z.core.$ZodIssue): { fr: string; en: string } {
  const custom = frenchOf(issue.message);
  if (custom) return { fr: custom, en: issue.message };
  return {
    fr: localize(frLocale, issue) ?? issue.message,
    en: localize(enLocale, issue) ?? issue.message,
  };
}

export function toIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issueMessages(issue),
  }));
}

function idOf(input: unknown): string | undefined {
  if (input && typeof input === 'object' && 'id' in input) {
    const id = (input as { id: unknown }).id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

type SchemaCompiler = <S extends z.core.$ZodType>(schema: S) => S;
let compiler: SchemaCompiler | undefined;
const compiledSchemas = new WeakMap<z.core.$ZodType, z.core.$ZodType>();

/**
 * Installs an ahead-of-time schema compiler (see `enableCompiledValidation`): each record schema is
 * compiled once, then every record goes through the generated fast path (same results and issues).
 */
export function setSchemaCompiler(fn: SchemaCompiler | undefined): void {
  compiler = fn;
}

function prepared<S extends z.core.$ZodType>(schema: S): S {
  if (!compiler) return schema;
  let c = compiledSchemas.get(schema);
  if (!c) {
    try {
      c = compiler(schema);
    } catch {
      c = schema; // e.g. no eval under a strict Content-Security-Policy: the runtime parser does the same job
    }
    compiledSchemas.set(schema, c);
  }
  return c as S;
}

export function emptyReport(): ValidationReport {
  return { parts: {}, rejections: [], warnings: [] };
}

const NOT_AN_ARRAY = {
  fr: 'Cette partie du flux devrait être un tableau d’enregistrements',
  en: 'This part of the feed should be an array of records',
};

/**
 * Validates each item of `items` against `schema` on its own. Duplicate ids are rejected (the first one
 * wins). Results are appended to `report` (pass one report for a whole feed).
 */
export function validateRecords<S extends z.core.$ZodType>(
  part: ReportPart,
  items: unknown,
  schema: S,
  report: ValidationReport = emptyReport(),
): { records: z.output<S>[]; report: ValidationReport } {
  const records: z.output<S>[] = [];
  const counts: PartCounts = (report.parts[part] ??= { received: 0, accepted: 0, rejected: 0 });
  if (!Array.isArray(items)) {
    counts.received += 1;
    counts.rejected += 1;
    report.rejections.push({
      part,
      index: 0,
      issues: [{ path: '', code: 'not_an_array', message: NOT_AN_ARRAY }],
    });
    return { records, report };
  }
  const seen = new Set<string>();
  const parser = prepared(schema);
  for (let index = 0; index < items.length; index++) {
    const input: unknown = items[index];
    counts.received += 1;
    const id = idOf(input);
    const parsed = z.safeParse(parser, input, { reportInput: true });
    if (!parsed.success) {
      counts.rejected += 1;
      report.rejections.push({ part, index, ...(id ? { id } : {}), issues: toIssues(parsed.error) });
      continue;
    }
    if (id !== undefined) {
      if (seen.has(id)) {
        counts.rejected += 1;
        report.rejections.push({
          part,
          index,
          id,
          issues: [
            {
              path: 'id',
              code: 'duplicate_id',
              message: {
                fr: `Identifiant en double : « ${id} » apparaît déjà plus haut dans le flux (le premier est gardé)`,
                en: `Duplicate id: "${id}" already appears earlier in the feed (the first one is kept)`,
              },
            },
          ],
        });
        continue;
      }
      seen.add(id);
    }
    counts.accepted += 1;
    records.push(parsed.data);
  }
  return { records, report };
}

/** Validates the concepts of an inline taxonomy one by one. */
export function validateConcepts(concepts: unknown, report: ValidationReport): ConceptT[] {
  return validateRecords('taxonomy', concepts, Concept, report).records;
}

/**
 * Rejects services whose structure is not in the feed (they could not be shown) and warns about events
 * whose organisers are unknown (they still load). Counts are updated so accepted + rejected = received.
 */
export function checkReferences(
  data: { structures: Structure[]; services: Service[]; events: Event[] },
  report: ValidationReport,
): { services: Service[] } {
  const ids = new Set(data.structures.map((s) => s.id));
  const services: Service[] = [];
  const counts = report.parts.services;
  data.services.forEach((service, index) => {
    if (ids.has(service.structureId)) {
      services.push(service);
      return;
    }
    if (counts) {
      counts.accepted -= 1;
      counts.rejected += 1;
    }
    report.rejections.push({
      part: 'services',
      index,
      id: service.id,
      issues: [
        {
          path: 'structureId',
          code: 'unknown_structure',
          message: {
            fr: `La structure « ${service.structureId} » de ce service n’est pas dans le flux`,
            en: `This service's structure "${service.structureId}" is not in the feed`,
          },
        },
      ],
    });
  });
  data.events.forEach((event, index) => {
    for (const org of event.organizerIds ?? []) {
      if (!ids.has(org)) {
        report.warnings.push({
          part: 'events',
          index,
          id: event.id,
          code: 'unknown_organizer',
          message: {
            fr: `L’organisateur « ${org} » n’est pas dans le flux : l’évènement est chargé sans ce lien`,
            en: `Organiser "${org}" is not in the feed: the event loads without that link`,
          },
        });
      }
    }
  });
  return { services };
}

export type ManifestResult = { ok: true; manifest: FeedManifest } | { ok: false; issues: ValidationIssue[] };

/** Validates the manifest itself (not its parts' records). */
export function validateManifest(input: unknown): ManifestResult {
  const parsed = z.safeParse(FeedManifest, input, { reportInput: true });
  return parsed.success ? { ok: true, manifest: parsed.data } : { ok: false, issues: toIssues(parsed.error) };
}

/** Totals over every part of a report. */
export function reportTotals(report: ValidationReport): PartCounts {
  const t: PartCounts = { received: 0, accepted: 0, rejected: 0 };
  for (const c of Object.values(report.parts)) {
    t.received += c.received;
    t.accepted += c.accepted;
    t.rejected += c.rejected;
  }
  return t;
}

export type { Event, Parcours, Service, Structure };
export { RecordSchemas };
