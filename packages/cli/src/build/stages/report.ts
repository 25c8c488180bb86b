/**
 * Report stage: the build report (`build-report.json`, and the text the CLI prints from it): per source
 * and part, what was received, accepted, merged and rejected, with reasons and warnings; what was
 * written; the structure ↔ event links; the taxonomy, journeys, merges and calendars. Checked for
 * consistency before it is written.
 */
import type { FeedLinkCounts } from '@essaim/sdk';
import type { ParsedConfig } from '../../config.ts';
import {
  type BuildReport,
  type CalendarReport,
  checkReport,
  type Counts,
  emptyCounts,
  type FileReport,
  type RecordPart,
} from '../../report.ts';
import type { Messages } from '../errors.ts';
import { PARTS } from '../records.ts';
import type { ImportState } from './import.ts';
import type { MergeOutcome } from './merge.ts';
import type { ParcoursReport } from './parcours.ts';
import type { FeedOutput } from './write.ts';

export function buildReport(input: {
  config: Pick<ParsedConfig, 'feed' | 'sources'>;
  state: ImportState;
  out: FeedOutput;
  taxonomy: FileReport & { path: string };
  parcours: ParcoursReport[];
  /** The official figures' files (empty without `indicators` in the configuration). */
  indicators: Array<FileReport & { path: string }>;
  merge: MergeOutcome;
  calendars: CalendarReport[];
  links: FeedLinkCounts | undefined;
  warnings: Messages[];
}): BuildReport {
  const { config, state, out, merge } = input;
  const totals = emptyCounts();
  const sources = config.sources.map((source, src) => {
    const c = state.counts[src]!;
    const sum = emptyCounts();
    const partCounts: Partial<Record<RecordPart, Counts>> = {};
    for (const p of PARTS) {
      if (!c[p].received) continue;
      partCounts[p] = c[p];
      for (const k of Object.keys(sum) as Array<keyof Counts>) sum[k] += c[p][k];
    }
    for (const k of Object.keys(sum) as Array<keyof Counts>) totals[k] += sum[k];
    return {
      id: source.id,
      name: source.name,
      type: source.type,
      path: source.path,
      ...sum,
      parts: partCounts,
      rejections: state.tallies[src]!.list(),
      warnings: state.warningTallies[src]!.list(),
      ...(state.fieldReports[src] ? { fields: state.fieldReports[src] } : {}),
    };
  });
  const report: BuildReport = {
    feed: { id: config.feed.id, updated: config.feed.updated },
    totals,
    sources,
    output: out.output,
    ...(input.links ? { links: input.links } : {}),
    taxonomy: input.taxonomy,
    parcours: input.parcours,
    ...(input.indicators.length ? { indicators: input.indicators } : {}),
    merges: merge.merges,
    keptApart: merge.keptApart,
    ...(out.files['merges.csv'] ? { mergeReview: 'merges.csv' } : {}),
    warnings: input.warnings,
    ...(input.calendars.length ? { calendars: input.calendars } : {}),
  };
  checkReport(report);
  return report;
}
