import { css } from 'lit';

/**
 * Styles of `<ess-agenda>`'s first list, in the `essaim` layer, on top of the directory's (search form,
 * facets, cards, empty state and detail look the same in both elements). The month and week, the detail
 * and the filters panel bring their own styles with their chunks (`views.ts`, `detail.ts`, `aside.ts`).
 */
export const agendaStyles = css`
  @layer essaim {
    :host {
      container: ess-agenda / inline-size;
    }
    [role='tablist'] {
      display: inline-flex;
      gap: 0;
      margin-block: 0.5em;
    }
    [role='tab'] {
      border-radius: 0;
    }
    [role='tab']:first-child {
      border-start-start-radius: var(--_radius);
      border-end-start-radius: var(--_radius);
    }
    [role='tab']:last-child {
      border-start-end-radius: var(--_radius);
      border-end-end-radius: var(--_radius);
    }
    [role='tab'] + [role='tab'] {
      margin-inline-start: -1px;
    }
    [role='tab'][aria-selected='true'] {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    /* Forced colours drop backgrounds: the selected tab in the system's selection colours. */
    @media (forced-colors: active) {
      [role='tab'][aria-selected='true'] {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
        border-color: Highlight;
      }
      [role='tab'][aria-selected='true']:focus-visible {
        outline-color: CanvasText;
      }
    }
    .day-heading {
      font-size: calc(1.0625*var(--_rem));
      border-block-end: 1px solid var(--_border);
      padding-block-end: 0.125em;
    }
    .time {
      font-weight: 600;
    }
    /* "Aller aux résultats": out of sight until it has the keyboard focus. */
    .skip-link {
      display: inline-block;
      margin-block-end: 0.5em;
      padding: 0.25em 0.5em;
      color: var(--_primary);
    }
    .skip-link:not(:focus) {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      padding: 0;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .group-heading {
      font-size: 1em;
      margin-block: 0.5em 0.25em;
    }
    .badge.ongoing {
      color: var(--_success);
      background: var(--_surface);
    }
    .badge {
      display: inline-block;
      padding: 0 0.375em;
      border-radius: var(--_radius);
      border: 1px solid currentColor;
      font-size: 0.875em;
      font-weight: 700;
    }
    .badge.status-cancelled,
    .badge.status-postponed {
      color: var(--_error);
      background: var(--_surface);
    }
    .badge.status-full,
    .badge.status-moved-online,
    .badge.status-rescheduled {
      color: var(--_warning);
      background: var(--_warning-bg);
    }
    .badge.free {
      color: var(--_success);
      background: var(--_surface);
    }
    .card.status-cancelled .card-button {
      text-decoration: line-through;
    }
    .card-actions {
      margin-block: 0.25em 0;
      margin-inline: 0;
    }
    .card-actions button {
      min-block-size: 2em;
      padding: 0.125em 0.5em;
      font-size: 0.875em;
    }
    @container ess-agenda (min-width: 48em) {
      .layout {
        grid-template-columns: var(--ess-agenda-filters-width, calc(16*var(--_rem))) 1fr;
      }
      .filters-toggle {
        display: none;
      }
      .filters:not(.open) {
        display: block;
      }
    }
  }
`;
