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
      margin-block: 0.5em;
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
      min-block-size: 2.5em;
      padding: 0.375em 0.5em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .search {
      margin-block: 0.5em;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin-block: 0 0.75em;
      margin-inline: 0;
      padding: 0.5em 0.75em;
    }
    legend {
      font-weight: 700;
      padding-inline: 0.25em;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.875em;
      margin: 0.25em 0;
    }
    .near-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1em;
      align-items: end;
    }
    .combo {
      position: relative;
      flex: 1 1 14em;
    }
    .near-actions {
      display: flex;
      gap: 0.5em;
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
      margin-block-end: 0.5em;
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
      gap: 0.375em;
      align-items: baseline;
      font-weight: 400;
      padding-block: 0.125em;
    }
    .count {
      color: var(--_muted);
    }
    button.link {
      border: 0;
      min-block-size: auto;
      padding: 0.25em 0;
      text-decoration: underline;
      background: none;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: end;
      gap: 0.5em;
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
      gap: 0.5em;
      margin-block: 0.75em;
    }
    .card {
      background: var(--_surface-alt);
      border: 1px solid transparent;
      border-inline-start: 4px solid var(--_primary);
      border-radius: var(--_radius);
      padding: 0.5em 0.75em;
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
      margin-block: 0.25em 0;
      margin-inline: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75em;
    }
    .themes {
      margin-block: 0.125em 0;
      margin-inline: 0;
      color: var(--_muted);
      font-size: 0.875em;
    }
    .pagination {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
      justify-content: space-between;
    }
    .pagination button:disabled {
      cursor: not-allowed;
      color: var(--_muted);
      border-color: var(--_border);
      border-style: dashed;
      background: var(--_surface-alt);
    }
    @media (forced-colors: active) {
      .pagination button:disabled {
        color: GrayText;
        border-color: GrayText;
      }
    }
    .empty {
      padding: 0.75em;
      background: var(--_surface-alt);
      border-radius: var(--_radius);
    }
    .empty .actions {
      display: flex;
      gap: 0.5em;
      flex-wrap: wrap;
    }
    .export {
      margin-block-start: 1em;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
    }
    .export .hint {
      flex-basis: 100%;
    }
    .detail {
      margin-block: 0.5em;
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
