/**
 * The feed's state as every widget shows it, in one place: loading; a failure of a part the widget needs
 * (named, with its reason, "Réessayer" and the automatic retries), an old copy shown after a failure
 * (with its date), an old copy being updated, and the records the validation rejected. What to show is
 * decided by the SDK's `feedHealth`; this only renders it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FeedHealth, FeedStore, FeedStoreState } from '@essaim/sdk';
import { common, type FailedPart } from '../i18n/common.ts';
import { translate } from '../i18n/dictionary.ts';
import type { Lang } from './localize.ts';

function failedPart(health: FeedHealth, parts: readonly string[]): FailedPart {
  const failed = health.parts;
  // The manifest failed (every part), or several parts did: "Les données…".
  return failed.length === 1 && parts.length > 0 ? (failed[0] as FailedPart) : 'feed';
}

/** The notice of a widget for the feed state `state` and the parts it needs (`health`). */
export function feedStatus(
  store: FeedStore | undefined,
  state: FeedStoreState,
  health: FeedHealth,
  parts: readonly string[],
  lang: Lang,
): TemplateResult | typeof nothing {
  if (!store)
    return html`<p class="notice error" part="error" role="alert">${translate(common, lang, 'noFeed')}</p>`;
  const retry = html`<button
    type="button"
    class="retry"
    aria-disabled=${state.retrying ? 'true' : 'false'}
    @click=${() => {
      if (!store.getState().retrying) void store.reload();
    }}
  >${translate(common, lang, 'retry')}</button>`;
  const details = health.error
    ? html`<details class="details"><summary>${translate(common, lang, 'details')}</summary><p>${health.error.messages[lang]}</p></details>`
    : nothing;
  const rejected =
    health.rejected > 0
      ? html`<p class="notice rejected" part="rejected">${translate(common, lang, 'rejected', health.rejected)}</p>`
      : nothing;
  const reason = health.kind ? translate(common, lang, 'reason', health.kind) : '';
  switch (health.status) {
    case 'loading':
      return html`<p class="notice" part="loading" role="status">${translate(common, lang, 'loading')}</p>`;
    case 'failed':
      return html`<div class="notice error" part="error" role="alert">
        <p><strong>${translate(common, lang, 'failed', failedPart(health, parts), reason)}</strong></p>
        <p>${state.retrying ? translate(common, lang, 'retrying') : store.autoRetry ? translate(common, lang, 'autoRetry') : ''}</p>
        ${details} ${retry}
      </div>`;
    case 'stale': {
      const date = health.fetchedAt ?? new Date();
      const text =
        health.kind === 'offline'
          ? translate(common, lang, 'staleOffline', date)
          : translate(common, lang, 'staleFailed', failedPart(health, parts), reason, date);
      return html`<div class="notice stale" part="stale" role="status">
          <p>${text}</p>
          ${details} ${retry}
        </div>
        ${rejected}`;
    }
    case 'old':
      return html`<p class="notice stale" part="stale" role="status">${translate(common, lang, 'staleOld', health.fetchedAt ?? new Date())}</p>
        ${rejected}`;
    default:
      return rejected;
  }
}
