/**
 * The build report: per source, how many input records were received, accepted (written as they are or
 * as the record a duplicate was merged into), merged into another record, or rejected, with the
 * reasons grouped and counted; every merge with its reason and figures. Written as
 * `build-report.json` next to the feed and printed. received = accepted + merged + rejected, for every
 * source and every part: `checkReport` throws when it does not hold.
 */
import { csvCell } from '@essaim/sdk';
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
  };
  taxonomy: FileReport & { path: string };
  parcours: Array<FileReport & { path: string; missing?: boolean }>;
  /** The official figures' CSV files (`indicators` in the configuration), when there are any. */
  indicators?: Array<FileReport & { path: string }>;
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

// ---------------------------------------------------------------------------------------------------
// Text

export type Lang = 'fr' | 'en';

export function num(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/\u202f|\u00a0/g, ' ');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  );
}

function describeReason(reason: MergeReason, lang: Lang): string {
  if (reason.rule === 'siret')
    return lang === 'fr' ? `même SIRET ${reason.siret}` : `same SIRET ${reason.siret}`;
  if (reason.rule === 'same-id') return lang === 'fr' ? 'même identifiant' : 'same id';
  const name = {
    identical: { fr: 'noms identiques', en: 'identical names' },
    similar: { fr: `noms proches (${reason.similarity})`, en: `similar names (${reason.similarity})` },
    contained: { fr: 'un nom contient l’autre', en: 'one name contains the other' },
  }[reason.name][lang];
  return lang === 'fr'
    ? `${name}, à ${num(reason.distanceMeters, lang)} m`
    : `${name}, ${reason.distanceMeters} m apart`;
}

/** The report as text for a terminal (French by default). */
export function formatBuildReport(
  report: BuildReport,
  lang: Lang = 'fr',
  options: { merges?: number; reasons?: number } = {},
): string {
  const fr = lang === 'fr';
  const out: string[] = [];
  const head = fr
    ? ['source', 'reçus', 'acceptés', 'fusionnés', 'rejetés']
    : ['source', 'received', 'accepted', 'merged', 'rejected'];
  const row = (label: string, c: Counts) => [
    label,
    num(c.received, lang),
    num(c.accepted, lang),
    num(c.merged, lang),
    num(c.rejected, lang),
  ];
  const rows = [head];
  for (const s of report.sources) {
    rows.push(row(`${s.id} (${s.type})`, s));
    for (const [part, c] of Object.entries(s.parts)) rows.push(row(`  ${part}`, c));
  }
  rows.push(row(fr ? 'total' : 'total', report.totals));
  out.push(
    fr
      ? `Flux « ${report.feed.id} » du ${report.feed.updated}`
      : `Feed "${report.feed.id}" of ${report.feed.updated}`,
  );
  out.push(...table(rows).map((l) => `  ${l}`));

  const written = Object.entries(report.output)
    .map(([part, o]) => {
      const n = 'concepts' in o ? (o as { concepts: number }).concepts : (o as { count: number }).count;
      const shards = 'shards' in o && o.shards ? Object.keys(o.shards).length : 0;
      const extra = shards ? (fr ? ` en ${shards} fichiers` : ` in ${shards} files`) : '';
      return `${part} ${num(n, lang)}${extra}`;
    })
    .join(', ');
  out.push(fr ? `Écrit : ${written}` : `Written: ${written}`);
  if (report.calendars?.length) {
    const maxCalendars = 12;
    out.push(
      fr
        ? `Calendriers (${num(report.calendars.length, lang)}) :`
        : `Calendars (${num(report.calendars.length, lang)}):`,
    );
    for (const c of report.calendars.slice(0, maxCalendars)) {
      const events = fr ? (c.count > 1 ? 'évènements' : 'évènement') : c.count === 1 ? 'event' : 'events';
      out.push(`  ${c.file}  ${c.name}${fr ? ' : ' : ': '}${num(c.count, lang)} ${events}`);
    }
    if (report.calendars.length > maxCalendars) {
      const more = report.calendars.length - maxCalendars;
      out.push(
        fr
          ? `  … et ${more} autres (voir build-report.json)`
          : `  … and ${more} more (see build-report.json)`,
      );
    }
  }

  for (const s of report.sources) if (s.fields) out.push(...fieldSummary(s.id, s.fields, lang));

  const maxReasons = options.reasons ?? 5;
  for (const s of report.sources) {
    if (!s.rejections.length) continue;
    out.push(
      fr
        ? `Rejets de « ${s.id} » (${num(s.rejected, lang)}) :`
        : `Rejected from "${s.id}" (${num(s.rejected, lang)}):`,
    );
    for (const r of s.rejections.slice(0, maxReasons)) {
      const ex = r.examples.map((e) => e.localId ?? `#${e.index}`).join(', ');
      out.push(`  ${num(r.count, lang)} × ${r.reason[lang]}${ex ? ` (${fr ? 'ex.' : 'e.g.'} ${ex})` : ''}`);
    }
    if (s.rejections.length > maxReasons) {
      const more = s.rejections.length - maxReasons;
      out.push(
        fr
          ? `  … et ${more} autres raisons (voir build-report.json)`
          : `  … and ${more} more reasons (see build-report.json)`,
      );
    }
  }
  for (const s of report.sources) {
    if (!s.warnings.length) continue;
    const total = s.warnings.reduce((n, w) => n + w.count, 0);
    out.push(
      fr
        ? `Valeurs corrigées ou écartées dans « ${s.id} » (${num(total, lang)} avertissements, tous dans build-report.json) :`
        : `Values fixed or dropped in "${s.id}" (${num(total, lang)} warnings, all in build-report.json):`,
    );
    for (const w of s.warnings.slice(0, maxReasons)) {
      const ex = w.examples[0];
      const where = ex
        ? ` (${fr ? 'ex.' : 'e.g.'} ${ex.localId ?? `#${ex.index}`}, ${ex.field} : ${ex[lang]})`
        : '';
      out.push(`  ${num(w.count, lang)} × ${w.code}${where}`);
    }
    if (s.warnings.length > maxReasons) {
      const more = s.warnings.length - maxReasons;
      out.push(fr ? `  … et ${more} autres sortes` : `  … and ${more} more kinds`);
    }
  }
  for (const f of [report.taxonomy, ...report.parcours, ...(report.indicators ?? [])]) {
    if (!f.rejected) continue;
    out.push(
      fr
        ? `${f.path} : ${f.rejected} rejetés sur ${f.received}`
        : `${f.path}: ${f.rejected} of ${f.received} rejected`,
    );
    for (const r of f.rejections.slice(0, maxReasons)) out.push(`  ${r.count} × ${r.reason[lang]}`);
  }

  const maxMerges = options.merges ?? 5;
  if (report.merges.length) {
    out.push(
      fr
        ? `Doublons fusionnés : ${num(report.totals.merged, lang)} enregistrements dans ${num(report.merges.length, lang)} fiches`
        : `Duplicates merged: ${num(report.totals.merged, lang)} records into ${num(report.merges.length, lang)}`,
    );
    for (const m of report.merges.slice(0, maxMerges)) {
      const why = m.links.map((l) => `${l.a} ~ ${l.b} : ${describeReason(l, lang)}`).join(' ; ');
      out.push(`  ${m.kept} ← ${m.merged.join(', ')} (${why})`);
    }
    if (report.merges.length > maxMerges) {
      out.push(
        fr ? `  … (toutes les fusions dans build-report.json)` : `  … (every merge in build-report.json)`,
      );
    }
  }
  if (report.keptApart.length) {
    out.push(
      fr
        ? `Rapprochements refusés (numéros différents) : ${num(report.keptApart.length, lang)}`
        : `Matches kept apart (different numbers): ${num(report.keptApart.length, lang)}`,
    );
    for (const k of report.keptApart.slice(0, maxMerges)) {
      out.push(
        `  ${k.a} ≠ ${k.b}${fr ? ' : ' : ': '}${k.identifier.toUpperCase()} ${k.values[0]} ≠ ${k.values[1]}`,
      );
    }
  }
  if (report.mergeReview) {
    out.push(fr ? `Fusions à relire : ${report.mergeReview}` : `Merges to review: ${report.mergeReview}`);
  }
  for (const w of report.warnings) out.push(fr ? `Attention : ${w.fr}` : `Warning: ${w.en}`);
  return out.join('\n');
}

/** One line on what a source's mapping left out (unused columns, unmatched values), pointing to the report. */
export function fieldSummary(source: string, f: FieldReport, lang: Lang): string[] {
  const fr = lang === 'fr';
  const out: string[] = [];
  const names = (list: string[]) => `${list.slice(0, 6).join(', ')}${list.length > 6 ? '…' : ''}`;
  if (f.unused.length) {
    const n = f.unused.length;
    out.push(
      fr
        ? `${source} : ${n} colonne${n > 1 ? 's' : ''} non utilisée${n > 1 ? 's' : ''} : ${names(f.unused)} — voir le rapport (build-report.json)`
        : `${source}: ${n} column${n > 1 ? 's' : ''} not used: ${names(f.unused)} — see the report (build-report.json)`,
    );
  }
  const empty = (f.mapped ?? []).filter((m) => m.filled === 0 && !m.from.includes('(value)'));
  if (empty.length) {
    const list = empty.map((m) => `${m.field} (${m.from.join(', ')})`);
    out.push(
      fr
        ? `${source} : aucune valeur lue pour ${names(list)} — vérifiez la correspondance`
        : `${source}: no value read for ${names(list)} — check the mapping`,
    );
  }
  if (f.unmatched.length) {
    const count = f.unmatched.reduce((s, u) => s + u.count, 0);
    const list = f.unmatched.map((u) => `${u.field} « ${u.value} »`);
    out.push(
      fr
        ? `${source} : ${num(count, lang)} valeur${count > 1 ? 's' : ''} sans correspondance : ${names(list)} — voir le rapport`
        : `${source}: ${num(count, lang)} value${count > 1 ? 's' : ''} matched nothing: ${names(list.map((l) => l.replace(/« (.*) »/, '"$1"')))} — see the report`,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The merge review file (merges.csv)

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
