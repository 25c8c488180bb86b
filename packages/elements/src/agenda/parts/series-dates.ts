/**
 * The dates or places of an entry of `<ess-agenda>` (a series, or an event over consecutive days at several
 * places), listed under its card when the visitor opens them; each opens that date's detail. A chunk
 * loaded on the first opening: the first list does not pay for it.
 */
import { css, html, type TemplateResult } from 'lit';
import type { AgendaEntry } from '@essaim/sdk';
import { type CardHost, occurrenceKey, placeLine, when } from './entry-cards.ts';

/** Styles of the list, adopted by the element when this chunk loads. */
export const styles = css`
  @layer essaim {
    .more-list {
      margin-block: 0.25em;
      padding-inline-start: 1.25em;
    }
  }
`;

/** The lines of an expanded entry: its places (a range at several places) or its dates. */
export function renderMore(h: CardHost, entry: AgendaEntry, id: string): TemplateResult {
  const lines = entry.span
    ? entry.events.map((e) => ({
        o: entry.occurrences.find((x) => x.event === e)!,
        text: placeLine(h, e, e.status ?? 'scheduled'),
      }))
    : entry.occurrences.map((o) => ({
        o,
        text: `${when(h, o, true)}${entry.places > 1 ? ` — ${placeLine(h, o.event, o.status)}` : ''}`,
      }));
  return html`<ul class="more-list" id=${id}>
    ${lines.map(
      ({ o, text }) =>
        html`<li><button type="button" class="link" data-key=${occurrenceKey(o)} @click=${() => h.open(o)}>${text}</button></li>`,
    )}
  </ul>`;
}
