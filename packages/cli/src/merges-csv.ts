/**
 * The merge review file (`merges.csv`, beside the report): every merge link and every match kept apart,
 * with both names and sources, for a person to check in a spreadsheet.
 */
import { csvCell } from '@essaim/sdk';
import type { Identifiers } from './merge.ts';

/** One line of merges.csv: a merge link, or a match kept apart because the registry numbers differ. */
export interface MergeReviewRow {
  decision: 'merged' | 'kept-apart';
  /** siret, same-id, name-identical, name-similar, name-contained. */
  rule: string;
  /** Name score (0–1); 1 for a rule that does not compare names. */
  score: number;
  distanceMeters?: number | undefined;
  a: { id: string; name: string; source: string };
  b: { id: string; name: string; source: string };
  identifier?: keyof Identifiers;
  values?: [string, string];
}

/** One CSV cell, safe in any spreadsheet and with either separator (the SDK's, shared by every export). */
export { csvCell };

const REVIEW_COLUMNS = [
  'decision',
  'rule',
  'score',
  'distance_m',
  'a_id',
  'a_name',
  'a_source',
  'b_id',
  'b_name',
  'b_source',
  'differing_identifier',
  'a_identifier',
  'b_identifier',
] as const;

/** The review file: one line per merge link and per match kept apart (UTF-8 with BOM, CRLF). */
export function mergesCsv(rows: readonly MergeReviewRow[]): string {
  const lines = [REVIEW_COLUMNS.join(',')];
  const sorted = [...rows].sort(
    (x, y) =>
      (x.decision < y.decision ? -1 : x.decision > y.decision ? 1 : 0) ||
      (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0) ||
      (x.b.id < y.b.id ? -1 : x.b.id > y.b.id ? 1 : 0),
  );
  for (const r of sorted) {
    lines.push(
      [
        r.decision,
        r.rule,
        r.score,
        r.distanceMeters,
        r.a.id,
        r.a.name,
        r.a.source,
        r.b.id,
        r.b.name,
        r.b.source,
        r.identifier,
        r.values?.[0],
        r.values?.[1],
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
