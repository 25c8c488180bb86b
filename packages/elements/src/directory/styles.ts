import { css } from 'lit';
import { listboxStyles } from '../internal/listbox-styles.ts';

/** Styles of `<ess-directory>`, in the `essaim` layer (host `::part()` rules win). */
export const directoryStyles = css`
  @layer essaim {
    :host {
      container: ess-directory / inline-size;
    }
    h2,
    h3,
    h4,
    h5,
    h6 {
      margin-block: calc(0.5*var(--_rem));
      line-height: 1.25;
    }
    [tabindex='-1']:focus {
      outline: none;
    }
    [tabindex='-1']:focus-visible {
      outline: var(--_focus-ring);
    }
    label {
      display: block;
      font-weight: 600;
    }
    input[type='search'],
    input[type='text'],
    select {
      inline-size: 100%;
      min-block-size: calc(2.5*var(--_rem));
      padding: calc(0.375*var(--_rem)) calc(0.5*var(--_rem));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .search {
      margin-block: calc(0.5*var(--_rem));
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin-block: 0 calc(0.75*var(--_rem));
      margin-inline: 0;
      padding: calc(0.5*var(--_rem)) calc(0.75*var(--_rem));
    }
    legend {
      font-weight: 700;
      padding-inline: calc(0.25*var(--_rem));
    }
    .hint {
      color: var(--_muted);
      font-size: 0.875em;
      margin: calc(0.25*var(--_rem)) 0;
    }
    .near-row {
      display: flex;
      flex-wrap: wrap;
      gap: calc(0.5*var(--_rem)) var(--_rem);
      align-items: end;
    }
    .combo {
      position: relative;
      flex: 1 1 calc(14*var(--_rem));
    }
    .near-actions {
      display: flex;
      gap: calc(0.5*var(--_rem));
      align-items: end;
      flex-wrap: wrap;
    }
    ${listboxStyles}
    .geo-status:empty {
      display: none;
    }
    .layout {
      display: grid;
      gap: var(--_space);
    }
    .filters-toggle {
      inline-size: 100%;
      margin-block-end: calc(0.5*var(--_rem));
    }
    .filters:not(.open) {
      display: none;
    }
    .facet ul,
    .cards {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .facet label {
      display: flex;
      gap: calc(0.375*var(--_rem));
      align-items: baseline;
      font-weight: 400;
      padding-block: calc(0.125*var(--_rem));
    }
    .count {
      color: var(--_muted);
    }
    button.link {
      border: 0;
      min-block-size: auto;
      padding: calc(0.25*var(--_rem)) 0;
      text-decoration: underline;
      background: none;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: end;
      gap: calc(0.5*var(--_rem));
    }
    .toolbar .count {
      margin: 0;
      font-weight: 600;
      color: var(--_text);
    }
    .sort select {
      inline-size: auto;
    }
    .cards {
      display: grid;
      gap: calc(0.5*var(--_rem));
      margin-block: calc(0.75*var(--_rem));
    }
    .card {
      background: var(--_surface-alt);
      border: 1px solid transparent;
      border-inline-start: 4px solid var(--_primary);
      border-radius: var(--_radius);
      padding: calc(0.5*var(--_rem)) calc(0.75*var(--_rem));
    }
    .card.selected {
      border-color: var(--_primary);
    }
    .card h3,
    .card h4,
    .card h5,
    .card h6 {
      margin: 0;
      font-size: calc(1.0625*var(--_rem));
    }
    .card-button {
      all: unset;
      cursor: pointer;
      color: var(--_primary);
      text-decoration: underline;
      font-weight: 700;
    }
    .card-button:focus-visible {
      outline: var(--_focus-ring);
      outline-offset: var(--_focus-offset);
    }
    .meta {
      margin-block: calc(0.25*var(--_rem)) 0;
      margin-inline: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0 calc(0.75*var(--_rem));
    }
    .themes {
      margin-block: calc(0.125*var(--_rem)) 0;
      margin-inline: 0;
      color: var(--_muted);
      font-size: 0.875em;
    }
    .pagination {
      display: flex;
      flex-wrap: wrap;
      gap: calc(0.5*var(--_rem));
      align-items: center;
      justify-content: space-between;
    }
    .empty {
      padding: calc(0.75*var(--_rem));
      background: var(--_surface-alt);
      border-radius: var(--_radius);
    }
    .empty .actions {
      display: flex;
      gap: calc(0.5*var(--_rem));
      flex-wrap: wrap;
    }
    .export {
      margin-block-start: var(--_rem);
      display: flex;
      flex-wrap: wrap;
      gap: calc(0.5*var(--_rem));
      align-items: center;
    }
    .export .hint {
      flex-basis: 100%;
    }
    .detail {
      margin-block: calc(0.5*var(--_rem));
    }
    .detail dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: calc(0.25*var(--_rem)) var(--_rem);
    }
    .detail dt {
      font-weight: 600;
    }
    .detail dd {
      margin: 0;
    }
    .description {
      white-space: pre-line;
    }
    .open-state.open strong {
      color: var(--_success);
    }
    .provenance {
      color: var(--_muted);
      font-size: 0.9375em;
      border-block-start: 1px solid var(--_border);
      margin-block-start: var(--_rem);
    }
    /* 48em of the container's font size (--ess-font-size), not the page's rem. */
    @container ess-directory (min-width: 48em) {
      .layout {
        grid-template-columns: var(--ess-directory-filters-width, calc(16*var(--_rem))) 1fr;
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
