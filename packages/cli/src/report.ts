/**
 * The build report: per source, how many input records were received, accepted (written as they are or
 * as the record a duplicate was merged into), merged into another record, or rejected, with the
 * reasons grouped and counted; every merge with its reason and figures. Written as
 * `build-report.json` next to the feed and printed. received = accepted + merged + rejected, for every
 * source and every part: `checkReport` throws when it does not hold.
 */
import type { FeedLinkCounts } from '@essaim/sdk';
import type { FieldReport } from './importers/types.ts';
import type { Identifiers, MergeReason } from './merge.ts';
import { InvariantError, type Messages } from './build/errors.ts';

export type RecordPart = 'structures' | 'services' | 'events';

export interface Counts {
  received: number;
  accepted: number;
  merged: number;
  rejected: number;
}

export interface ReasonCount {
  reason: Messages;
  count: number;
  /** The first few records rejected for this reason: position in the input and local id. */
  examples: Array<{ index: number; localId?: string }>;
}

/** One kind of importer warning (a value fixed, guessed or dropped in a record that was kept). */
export interface WarningCount {
  /** Stable code of the kind, e.g. "phone-invalid". */
  code: string;
  /** How many times it was raised. */
  count: number;
  /** The feed fields it concerned (the first few). */
  fields: string[];
  /** The first few: the record (position, local id), the field, and what was found and done. */
  examples: Array<{ index: number; localId?: string; field: string; fr: string; en: string; value?: string }>;
}

export interface SourceReport extends Counts {
  id: string;
  name: string;
  type: string;
  path: string;
  parts: Partial<Record<RecordPart, Counts>>;
  rejections: ReasonCount[];
  /** Every per-record warning of the importer, counted by kind, with examples. */
  warnings: WarningCount[];
  /** What became of each source field or column (see FieldReport), when the importer can tell. */
  fields?: FieldReport;
}

export interface MergeReport {
  /** The id the merged record keeps. */
  kept: string;
  /** The ids merged into it. */
  merged: string[];
  /** The links that made the cluster: two ids and why they match. */
  links: Array<{ a: string; b: string } & MergeReason>;
}

/** Two records that matched (by name and place, SIRET or id) but were kept apart: their numbers differ. */
export interface KeptApartReport {
  a: string;
  b: string;
  /** What matched. */
  match: MergeReason;
  /** The registry number that differs, and its two values. */
  identifier: keyof Identifiers;
  values: [string, string];
}

export interface FileReport {
  received: number;
  accepted: number;
  rejected: number;
  rejections: ReasonCount[];
}

/**
 * Where the records of a part are on a map: at the point their source gave or geocoded to the address (any
 * precision finer than the commune: `exact`),
 * at the centre of their commune only (`geo.precision: "commune"`, approximate), or nowhere.
 */
export interface PlaceCounts {
  exact: number;
  commune: number;
  none: number;
}

export interface CalendarReport {
  /** Calendar name shown by calendar apps. */
  name: string;
  /** Path relative to the feed folder, e.g. `calendars/departement-75.ics`. */
  file: string;
  /** Events in the calendar (an event with several dates counts once). */
  count: number;
}

export interface BuildReport {
  feed: { id: string; updated: string };
  totals: Counts;
  sources: SourceReport[];
  /** What was written: records per part (and per shard). */
  output: Partial<
    Record<
      RecordPart | 'parcours' | 'indicators',
      { count: number; shards?: Record<string, number>; places?: PlaceCounts }
    >
  > & {
    taxonomy?: { concepts: number };
    /** The static search index (`index/`), when written: structures indexed, its files and bytes. */
    searchIndex?: { count: number; files: number; bytes: number };
  };
  taxonomy: FileReport & { path: string };
  parcours: Array<FileReport & { path: string; missing?: boolean }>;
  /** The official figures' CSV files (`indicators` in the configuration), when there are any. */
  indicators?: Array<FileReport & { path: string }>;
  /**
   * Structure ↔ event links in the feed (the SDK's `linkFeed`): pairs linked by the events' organiser
   * ids, pairs linked by place, and how many structures and events have a link. Absent without events.
   */
  links?: FeedLinkCounts;
  /** The subscribable .ics calendars written (`calendars/…`), with the number of events in each. */
  calendars?: CalendarReport[];
  merges: MergeReport[];
  /** Matches kept apart because their registry numbers differ (never merged). */
  keptApart: KeptApartReport[];
  /** The review file of merges and kept-apart matches, beside the report (`merges.csv`), when written. */
  mergeReview?: string;
  /** Warnings about the build as a whole (per-record warnings are in each source's `warnings`). */
  warnings: Messages[];
}

export const emptyCounts = (): Counts => ({ received: 0, accepted: 0, merged: 0, rejected: 0 });

const MAX_EXAMPLES = 5;

/** Groups rejection reasons (same French + English text) and counts them. */
export class ReasonTally {
  private readonly map = new Map<string, ReasonCount>();
  add(reasons: Messages[], example: { index: number; localId?: string | undefined }): void {
    const reason = reasons.length === 1 ? reasons[0]! : joinReasons(reasons);
    const key = `${reason.fr}\u0000${reason.en}`;
    let entry = this.map.get(key);
    if (!entry) this.map.set(key, (entry = { reason, count: 0, examples: [] }));
    entry.count++;
    if (entry.examples.length < MAX_EXAMPLES) {
      entry.examples.push(
        example.localId === undefined
          ? { index: example.index }
          : { index: example.index, localId: example.localId },
      );
    }
  }
  /** Most frequent first, then by text (deterministic). */
  list(): ReasonCount[] {
    return [...this.map.values()].sort(
      (a, b) => b.count - a.count || (a.reason.en < b.reason.en ? -1 : a.reason.en > b.reason.en ? 1 : 0),
    );
  }
}

/** Groups importer warnings by kind (their `code`) and counts them, with examples. */
export class WarningTally {
  private readonly map = new Map<string, WarningCount>();
  add(
    warnings: ReadonlyArray<{ field: string; code: string; fr: string; en: string; value?: unknown }>,
    at: { index: number; localId?: string | undefined },
  ): void {
    for (const w of warnings) {
      let entry = this.map.get(w.code);
      if (!entry) this.map.set(w.code, (entry = { code: w.code, count: 0, fields: [], examples: [] }));
      entry.count++;
      if (!entry.fields.includes(w.field) && entry.fields.length < MAX_EXAMPLES) entry.fields.push(w.field);
      if (entry.examples.length < MAX_EXAMPLES) {
        entry.examples.push({
          index: at.index,
          ...(at.localId === undefined ? {} : { localId: at.localId }),
          field: w.field,
          fr: w.fr,
          en: w.en,
          ...(w.value === undefined ? {} : { value: String(w.value) }),
        });
      }
    }
  }
  /** Most frequent first, then by code (deterministic). */
  list(): WarningCount[] {
    return [...this.map.values()].sort(
      (a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  }
}

function joinReasons(reasons: Messages[]): Messages {
  if (!reasons.length) return { fr: 'rejeté sans raison donnée', en: 'rejected without a reason' };
  return { fr: reasons.map((r) => r.fr).join(' ; '), en: reasons.map((r) => r.en).join('; ') };
}

function sum(c: Counts): number {
  return c.accepted + c.merged + c.rejected;
}

/** Throws when received ≠ accepted + merged + rejected anywhere (per source, per part, in total). */
export function checkReport(report: BuildReport): void {
  const problems: string[] = [];
  const check = (where: string, c: Counts) => {
    if (c.received !== sum(c)) {
      problems.push(
        `${where}: received ${c.received} ≠ accepted ${c.accepted} + merged ${c.merged} + rejected ${c.rejected}`,
      );
    }
  };
  const totals = emptyCounts();
  for (const s of report.sources) {
    check(`source "${s.id}"`, s);
    const fromParts = emptyCounts();
    for (const [part, c] of Object.entries(s.parts)) {
      check(`source "${s.id}", ${part}`, c);
      for (const k of Object.keys(fromParts) as Array<keyof Counts>) fromParts[k] += c[k];
    }
    for (const k of Object.keys(fromParts) as Array<keyof Counts>) {
      if (fromParts[k] !== s[k])
        problems.push(`source "${s.id}": ${k} ${s[k]} ≠ sum over parts ${fromParts[k]}`);
      totals[k] += s[k];
    }
    const rejectedByReason = s.rejections.reduce((n, r) => n + r.count, 0);
    if (rejectedByReason !== s.rejected) {
      problems.push(`source "${s.id}": ${s.rejected} rejected but ${rejectedByReason} counted by reason`);
    }
  }
  for (const k of Object.keys(totals) as Array<keyof Counts>) {
    if (totals[k] !== report.totals[k]) problems.push(`totals: ${k} ${report.totals[k]} ≠ ${totals[k]}`);
  }
  check('totals', report.totals);
  const merged = report.merges.reduce((n, m) => n + m.merged.length, 0);
  if (merged !== report.totals.merged) {
    problems.push(`${report.totals.merged} merged records counted, ${merged} listed in merges`);
  }
  const written =
    (report.output.structures?.count ?? 0) +
    (report.output.services?.count ?? 0) +
    (report.output.events?.count ?? 0);
  if (written !== report.totals.accepted) {
    problems.push(`${report.totals.accepted} records accepted, ${written} written`);
  }
  if (problems.length) {
    throw new InvariantError({
      fr: `Les comptes du rapport ne tombent pas juste (reçus = acceptés + fusionnés + rejetés) :\n  - ${problems.join('\n  - ')}`,
      en: `The report's counts do not add up (received = accepted + merged + rejected):\n  - ${problems.join('\n  - ')}`,
    });
  }
}

export { fieldSummary, formatBuildReport, type Lang, num } from './report-text.ts';
export { csvCell, type MergeReviewRow, mergesCsv } from './merges-csv.ts';
