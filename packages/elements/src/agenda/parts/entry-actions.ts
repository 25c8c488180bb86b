/**
 * What a card does in `<ess-agenda>`: open an event's detail (its chunk is loaded on the first opening,
 * with the page's structures ↔ events links) and show or hide an entry's dates or places (their list is
 * a chunk loaded on the first use). A chunk that cannot be loaded is announced, never silent.
 */
import type { CSSResult } from 'lit';
import type { AgendaOccurrence, FeedStore } from '@essaim/sdk';
import type { Lang } from '../../internal/localize.ts';
import { occurrenceKey } from './entry-cards.ts';
import { t } from './search-form.ts';

/** What opening and toggling reach in `<ess-agenda>` (its state). */
export interface EntryActionsHost {
  readonly l10n: { readonly lang: Lang };
  readonly store: FeedStore | undefined;
  /** The element's live region. */
  announcement: string;
  /** The occurrence whose detail is shown, and the key of the last one opened. */
  detail: AgendaOccurrence | undefined;
  lastOpened: string | undefined;
  /** The detail's chunk and the list of an entry's dates, once loaded. */
  detailModule: typeof import('./detail.ts') | undefined;
  series: typeof import('./series-dates.ts') | undefined;
  /** Entries whose dates or places are listed (their key). */
  expanded: ReadonlySet<string>;
  /** Adds the styles of a part loaded later to the element's own. */
  adopt(styles: CSSResult): void;
  emit(type: 'ess-event-open', detail: { eventId: string; start: string }): boolean;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Opens an occurrence's detail; its heading gets the focus when `focus`. */
export async function openDetail(h: EntryActionsHost, o: AgendaOccurrence, focus: boolean): Promise<void> {
  h.lastOpened = occurrenceKey(o);
  // The structures ↔ events links of the page (computed once per feed) show the event's structures;
  // without them the detail still opens, with the organiser's name.
  const links = h.store?.loadLinks().catch(() => undefined);
  try {
    if (!h.detailModule) {
      const m = await import('./detail.ts');
      h.adopt(m.styles);
      h.detailModule = m;
    }
    await links;
  } catch {
    h.announcement = t(h, 'detailFailed');
    return;
  }
  h.detail = o;
  h.emit('ess-event-open', { eventId: o.eventId, start: o.startIso });
  await h.updateComplete;
  if (focus) h.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
}

/** Shows or hides an entry's dates or places. */
export async function toggleEntry(h: EntryActionsHost, key: string): Promise<void> {
  try {
    if (!h.series) {
      const m = await import('./series-dates.ts');
      h.adopt(m.styles);
      h.series = m;
    }
  } catch {
    h.announcement = t(h, 'seriesFailed');
    return;
  }
  const next = new Set(h.expanded);
  if (!next.delete(key)) next.add(key);
  h.expanded = next;
}
