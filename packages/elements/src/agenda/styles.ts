import { css } from 'lit';

/**
 * Styles of `<ess-agenda>`, in the `essaim` layer, on top of the directory's (search form, facets,
 * cards, empty state and detail look the same in both elements).
 */
export const agendaStyles = css`
  @layer essaim {
    :host {
      container: ess-agenda / inline-size;
    }
    input[type='date'] {
      inline-size: 100%;
      min-block-size: 2.5rem;
      padding: 0.375rem 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .range {
      display: grid;
      gap: 0.25rem;
    }
    .facet label.plain {
      display: block;
      font-weight: 600;
    }
    [role='tablist'] {
      display: inline-flex;
      gap: 0;
      margin-block: 0.5rem;
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
    .day-heading {
      font-size: 1.0625rem;
      text-transform: capitalize;
      border-block-end: 1px solid var(--_border);
      padding-block-end: 0.125rem;
    }
    .time {
      font-weight: 600;
    }
    .badge {
      display: inline-block;
      padding: 0 0.375rem;
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
      margin-block: 0.25rem 0;
      margin-inline: 0;
    }
    .card-actions button {
      min-block-size: 2rem;
      padding: 0.125rem 0.5rem;
      font-size: 0.875em;
    }
    .calendar-nav {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .calendar-nav h3,
    .calendar-nav h4,
    .calendar-nav h5,
    .calendar-nav h6 {
      text-transform: capitalize;
    }
    table.month {
      inline-size: 100%;
      table-layout: fixed;
      border-collapse: collapse;
    }
    .month th {
      font-size: 0.875em;
      font-weight: 600;
      padding: 0.25rem;
      text-align: center;
    }
    .month abbr {
      text-decoration: none;
    }
    .month td {
      vertical-align: top;
      border: 1px solid var(--_border);
      padding: 0.25rem;
      block-size: 4.5rem;
      cursor: pointer;
      background: var(--_surface);
    }
    .month td.out {
      color: var(--_muted);
      background: var(--_surface-alt);
    }
    .month td[aria-current='date'] .num {
      background: var(--_primary);
      color: var(--_on-primary);
      border-radius: 50%;
      padding-inline: 0.3rem;
    }
    .month td[aria-selected='true'] {
      box-shadow: inset 0 0 0 3px var(--_primary);
    }
    .month td:focus-visible {
      outline: var(--_focus-ring);
      outline-offset: calc(-1 * var(--_focus-width));
    }
    .month .num {
      font-weight: 600;
    }
    .month .dots {
      display: block;
      font-size: 0.75em;
      color: var(--_primary);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .week-day {
      margin-block: 0.5rem;
    }
    .week-grid td {
      block-size: 3.25rem;
    }
    .subscribe {
      margin-block: 1rem;
      padding: 0.5rem 0.75rem;
      background: var(--_surface-alt);
      border-radius: var(--_radius);
    }
    .subscribe .count {
      color: var(--_muted);
      margin-inline-start: 0.25rem;
    }
    .near select,
    .near .locate {
      margin-block: 0.25rem;
    }
    .detail .badges {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    .organizer {
      background: var(--_surface-alt);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
      margin-block: 0.25rem;
    }
    .organizer p {
      margin-block: 0 0.25rem;
      margin-inline: 0;
    }
    .detail ul.plain {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    @container ess-agenda (min-width: 48rem) {
      .layout {
        grid-template-columns: var(--ess-agenda-filters-width, 16rem) 1fr;
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
