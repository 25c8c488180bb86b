/**
 * Tells the page's webmaster what a load of the feed left out, once per load: an `ess-feed-report`
 * event (bubbling, composed) whose `detail` carries the validation report, the parts that failed and
 * those shown from an old copy; and, when something was rejected or failed, a collapsed console group
 * listing it. Fired by `<ess-feed>` for its store, or by an element that loads its own feed.
 */
import type { FeedStoreState, LoadResult, ValidationReport } from '@essaim/sdk';

/** The `detail` of `ess-feed-report`. */
export interface EssFeedReportDetail {
  /** The validation report: counts per part, every rejected record with its reasons, warnings. */
  report: ValidationReport;
  /** Records rejected, all parts together. */
  rejected: number;
  /** Parts (or shards) that could not be loaded and have no good copy. */
  partErrors: LoadResult['partErrors'];
  /** Parts shown from their last good copy because the fresh one failed. */
  staleParts: LoadResult['staleParts'];
  /** When the data shown was fetched; whether it may be out of date. */
  fetchedAt: Date;
  stale: boolean;
}

const reported = new WeakSet<object>();

/** Reports the validated result of `state` once (a preview or a result already reported is skipped). */
export function reportFeed(target: EventTarget, state: FeedStoreState): void {
  const result = state.result;
  if (state.status !== 'ready' || state.validating || !result || reported.has(result)) return;
  reported.add(result);
  const report = result.feed.report;
  const rejected = report.rejections.length;
  const detail: EssFeedReportDetail = {
    report,
    rejected,
    partErrors: result.partErrors,
    staleParts: result.staleParts,
    fetchedAt: result.fetchedAt,
    stale: result.stale,
  };
  target.dispatchEvent(new CustomEvent('ess-feed-report', { detail, bubbles: true, composed: true }));
  if (rejected === 0 && result.partErrors.length === 0 && result.staleParts.length === 0) return;
  const title = result.feed.manifest.title ?? '';
  console.groupCollapsed(
    `Essaim : ${rejected} fiche(s) rejetée(s), ${result.partErrors.length} partie(s) manquante(s), ${result.staleParts.length} partie(s) non mise(s) à jour — ${title}`,
  );
  for (const e of [...result.partErrors, ...result.staleParts]) console.warn(e.messages.fr, e.error);
  if (rejected > 0)
    console.table(
      report.rejections.map((r) => ({
        partie: r.part,
        rang: r.index,
        id: r.id ?? '',
        raisons: r.issues.map((i) => (i.path ? `${i.path} : ${i.message.fr}` : i.message.fr)).join(' ; '),
      })),
    );
  console.groupEnd();
}
