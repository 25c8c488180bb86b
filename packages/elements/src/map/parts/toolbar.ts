/**
 * The notices and the toolbar above the map: no agenda for the events, the basemap fallback, the map
 * that cannot be shown; "search this area", "clear the area", and the list's toggle.
 */
import { html, nothing } from 'lit';
import type { Args } from '../../i18n/dictionary.ts';
import type { mapMessages } from '../ess-map.i18n.ts';
import type { MapKind } from './items.ts';

type M = typeof mapMessages.fr;

export interface ToolbarHost {
  readonly kinds: readonly MapKind[];
  readonly hasAgenda: boolean;
  readonly fallbackNote: boolean;
  readonly unavailable: 'webgl' | 'error' | undefined;
  /** "Search this area" is offered (the view was moved by the user, a page search exists). */
  readonly canSearchArea: boolean;
  readonly hasBbox: boolean;
  readonly listOpen: boolean;
  readonly listed: number;
  searchThisArea(): void;
  clearArea(): void;
  toggleList(): void;
  t<K extends keyof M>(key: K, ...args: Args<M[K]>): string;
}

export function renderNotices(host: ToolbarHost) {
  const { t } = host;
  return html`${
    host.kinds.includes('events') && !host.hasAgenda
      ? html`<p class="notice" part="note" role="status">${t('noAgenda')}</p>`
      : nothing
  }${
    host.fallbackNote && !host.unavailable
      ? html`<p class="notice" part="note" role="status">${t('basemapFallback')}</p>`
      : nothing
  }${
    host.unavailable
      ? html`<p class="notice" part="note unavailable" role="status">
          ${t('unavailable', host.unavailable, host.kinds.length > 1 ? 'both' : host.kinds[0]!)}
        </p>`
      : nothing
  }`;
}

export function renderToolbar(host: ToolbarHost) {
  const { t } = host;
  const structures = host.kinds.includes('structures');
  if (host.unavailable) return nothing;
  return html`<div class="toolbar" part="toolbar">
    ${
      host.canSearchArea && structures
        ? html`<button type="button" class="primary search-area" @click=${() => host.searchThisArea()}>
          ${t('searchArea')}
        </button>`
        : nothing
    }
    ${
      host.hasBbox && structures
        ? html`<button type="button" class="clear-area" @click=${() => host.clearArea()}>${t('clearArea')}</button>`
        : nothing
    }
    <button
      type="button"
      class="toggle-list"
      aria-expanded=${host.listOpen ? 'true' : 'false'}
      aria-controls="list"
      @click=${() => host.toggleList()}
    >
      ${host.listOpen ? t('hideList') : t('showList', host.listed)}
    </button>
  </div>`;
}
