/**
 * The feed's state as every widget shows it, in one place. The common states (no feed, loading, all
 * well) are drawn here; the notices of a failed, stale or old feed and of rejected records (decided by
 * the SDK's `feedHealth`) by feed-notices.ts, loaded the first time one is needed.
 */
import { html, isServer, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { FeedStore, FeedStoreState, PartName } from '@essaim/sdk';
import { common } from '../i18n/common.ts';
import { translate } from '../i18n/dictionary.ts';
import type { Lang } from './localize.ts';

type Notices = typeof import('./feed-notices.ts');
let notices: Notices | undefined;
let loading: Promise<Notices> | undefined;
let prefetched = false;

/** Loads the notices (again after a failed attempt); `then` runs once they are there. */
function loadNotices(then?: () => void): void {
  loading ??= import('./feed-notices.ts').then(
    (m) => (notices = m),
    (error: unknown) => {
      loading = undefined; // offline before they were fetched: try again at the next render
      throw error;
    },
  );
  loading.then(then, () => undefined);
}

/** The notice of a widget (`host`) for the feed state `state` and the parts it needs. */
export function feedStatus(
  host: ReactiveControllerHost,
  store: FeedStore | undefined,
  state: FeedStoreState,
  parts: readonly (PartName | 'taxonomy')[],
  lang: Lang,
): TemplateResult | typeof nothing {
  // On the server (Lit SSR) no store is bound yet: the loading state, until the browser binds the feed.
  if (!store && !isServer)
    return html`<p class="notice error" part="error" role="alert">${translate(common, lang, 'noFeed')}</p>`;
  if (!store || state.status === 'idle' || state.status === 'loading')
    return html`<p class="notice" part="loading" role="status">${translate(common, lang, 'loading')}</p>`;
  const r = state.result;
  const quiet =
    !state.stale &&
    !state.error &&
    !r?.partErrors.length &&
    !r?.staleParts.length &&
    !parts.some((p) => state.feed?.report.parts[p]?.rejected);
  if (state.status === 'ready' && quiet) {
    // Fetched a moment after the first content, so that they are there when the network is not.
    if (!prefetched) setTimeout(() => loadNotices(), 3000);
    prefetched = true;
    return nothing;
  }
  if (notices) return notices.feedNotice(store, state, parts, lang);
  loadNotices(() => host.requestUpdate());
  return nothing;
}

/**
 * Tells the page what a validated load left out (`ess-feed-report`, and the console when something was
 * rejected or failed): feed-report.ts, loaded after the load, out of the first content.
 */
export function reportFeed(target: EventTarget, state: FeedStoreState): void {
  if (state.status !== 'ready' || state.validating || !state.result) return;
  void import('./feed-report.ts').then((m) => m.reportFeed(target, state));
}
