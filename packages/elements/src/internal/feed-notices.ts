/**
 * The feed notices, loaded only when there is one to show (they stay out of the widgets' first content):
 * a part the widget needs that failed (named, with its reason, "Réessayer" and the automatic retries),
 * an old copy shown after a failure (with its date and the reason; "Hors ligne" only when the browser
 * is offline), an old copy being updated, and the records the validation rejected.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { type FeedHealth, type FeedStore, type FeedStoreState, feedHealth, type PartName } from '@essaim/sdk';
import { common } from '../i18n/common.ts';
import { type Args, translate } from '../i18n/dictionary.ts';
import { type FailedPart, feedNoticeMessages as N } from '../i18n/feed-notices.ts';
import type { Lang } from './localize.ts';

function failedPart(health: FeedHealth, parts: readonly string[]): FailedPart {
  // The manifest failed (every part), or several parts did: "Les données…".
  return health.parts.length === 1 && parts.length > 0 ? (health.parts[0] as FailedPart) : 'feed';
}

/** The notice for a failed, stale or old feed, and the rejected records. */
export function feedNotice(
  store: FeedStore,
  state: FeedStoreState,
  parts: readonly (PartName | 'taxonomy')[],
  lang: Lang,
): TemplateResult | typeof nothing {
  const health = feedHealth(state, parts);
  type M = (typeof N)['fr'];
  const t = <K extends keyof M>(key: K, ...args: Args<M[K]>) => translate(N, lang, key, ...args);
  const retry = html`<button
    type="button"
    class="retry"
    aria-disabled=${state.retrying ? 'true' : 'false'}
    @click=${() => {
      if (!store.getState().retrying) void store.reload();
    }}
  >${translate(common, lang, 'retry')}</button>`;
  const details = health.error
    ? html`<details class="details"><summary>${t('details')}</summary><p>${health.error.messages[lang]}</p></details>`
    : nothing;
  const rejected =
    health.rejected > 0
      ? html`<p class="notice rejected" part="rejected">${t('rejected', health.rejected)}</p>`
      : nothing;
  const reason = health.kind ? t('reason', health.kind) : '';
  const date = health.fetchedAt ?? new Date();
  switch (health.status) {
    case 'failed':
      return html`<div class="notice error" part="error" role="alert">
        <p><strong>${t('failed', failedPart(health, parts), reason)}</strong></p>
        <p>${state.retrying ? t('retrying') : store.autoRetry ? t('autoRetry') : ''}</p>
        ${details} ${retry}
      </div>`;
    case 'stale':
      return html`<div class="notice stale" part="stale" role="status">
          <p>${health.kind === 'offline' ? t('staleOffline', date) : t('staleFailed', failedPart(health, parts), reason, date)}</p>
          ${details} ${retry}
        </div>
        ${rejected}`;
    case 'old':
      return html`<p class="notice stale" part="stale" role="status">${t('staleOld', date)}</p>
        ${rejected}`;
    default:
      return rejected;
  }
}
