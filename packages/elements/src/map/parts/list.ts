/**
 * The keyboard and screen-reader list of the map: the points in view (all those of the map's scope when
 * the map cannot be shown), a page at a time, each a button that chooses it. Names read "Name, place"
 * on screen and to a screen reader alike.
 */
import { html, nothing } from 'lit';
import type { Args } from '../../i18n/dictionary.ts';
import type { mapMessages } from '../ess-map.i18n.ts';
import type { MapItem, MapKind } from './items.ts';
import { symbol } from './legend.ts';

type M = typeof mapMessages.fr;

export interface ListHost {
  /** The kinds the map shows. */
  readonly kinds: readonly MapKind[];
  readonly listed: readonly MapItem[];
  readonly listPage: number;
  readonly listLimit: number;
  readonly listOpen: boolean;
  /** Without a map: the list stands for it (all the scope, not "in view"). */
  readonly all: boolean;
  /** Whether the feed can be counted (a failed part is named in the status notice instead). */
  readonly countable: boolean;
  readonly unplaced: number;
  isSelected(item: MapItem): boolean;
  choose(item: MapItem): void;
  /** Shows page `page` of the list (the focus then goes to the list's title). */
  goToPage(page: number): Promise<unknown>;
  t<K extends keyof M>(key: K, ...args: Args<M[K]>): string;
}

/** ", part": the same on screen and to a screen reader (plain text: no box past the hidden list's edge). */
const part = (text: string | undefined) => (text ? `, ${text}` : nothing);

/** The entry's name: "Évènement : title" when the list mixes kinds. */
export function entry(host: Pick<ListHost, 't' | 'kinds'>, item: MapItem) {
  const mixed = host.kinds.length > 1;
  return html`${mixed ? symbol(item.kind) : nothing}${
    mixed
      ? html`<span class="sr-only">${host.t(item.kind === 'events' ? 'kindEvent' : 'kindStructure')}</span>`
      : nothing
  }${item.name}${part(item.when)}${part(item.place)}${
    item.approx ? html`<span class="sr-only">, ${host.t('approximate')}</span>` : nothing
  }`;
}

/** Another page; then the focus on the list's title, so that the next Tab reaches its first entry. */
async function turn(host: ListHost, page: number, e: Event): Promise<void> {
  const root = (e.currentTarget as Element).getRootNode() as ParentNode;
  await host.goToPage(page);
  root.querySelector<HTMLElement>('#list-title')?.focus();
}

export function renderList(host: ListHost) {
  const { t } = host;
  const kind = host.kinds.length > 1 ? 'Both' : host.kinds[0] === 'events' ? 'Events' : '';
  const limit = Math.max(1, host.listLimit);
  const total = host.listed.length;
  const pages = Math.ceil(total / limit);
  const page = Math.min(host.listPage, Math.max(0, pages - 1));
  const shown = host.listed.slice(page * limit, (page + 1) * limit);
  const range = [total, page * limit + 1, page * limit + shown.length] as const;
  const count = host.all
    ? kind === 'Both'
      ? t('allBoth', ...range)
      : kind === 'Events'
        ? t('allEvents', ...range)
        : t('all', ...range)
    : kind === 'Both'
      ? t('inViewBoth', ...range)
      : kind === 'Events'
        ? t('inViewEvents', ...range)
        : t('inView', ...range);
  const title = t(host.all ? (`listTitleAll${kind}` as 'listTitleAll') : (`listTitle${kind}` as 'listTitle'));
  return html`<div id="list" class="list ${host.listOpen ? 'open' : ''}" part="list">
    <h2 id="list-title" tabindex="-1">${title}</h2>
    ${host.countable ? html`<p class="count">${count}</p>` : nothing}
    ${
      host.kinds.includes('structures') && host.unplaced
        ? html`<p class="unplaced" part="unplaced">${t('unplaced', host.unplaced)}</p>`
        : nothing
    }
    <ul>
      ${shown.map(
        (item) => html`<li>
          <button
            type="button"
            class=${item.kind}
            data-id=${item.id}
            data-kind=${item.kind}
            aria-pressed=${host.isSelected(item) ? 'true' : 'false'}
            @click=${() => host.choose(item)}
          >
            ${entry(host, item)}
          </button>
        </li>`,
      )}
    </ul>
    ${
      pages > 1
        ? html`<nav class="pager" aria-label=${t('pages')}>
          <button type="button" class="previous" ?disabled=${page === 0} @click=${(e: Event) => turn(host, page - 1, e)}>
            ${t('previous')}
          </button>
          <button type="button" class="next" ?disabled=${page >= pages - 1} @click=${(e: Event) => turn(host, page + 1, e)}>
            ${t('next')}
          </button>
        </nav>`
        : nothing
    }
  </div>`;
}
