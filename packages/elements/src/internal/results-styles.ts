import { css } from 'lit';

/**
 * The look a list of results shares across elements (the agenda's, and the directory's when it takes it):
 * headings, the search field, the filters column that folds on narrow widths, result cards (title button,
 * meta line), link-like buttons and the empty state, in the `essaim` layer. Each element adds its own
 * container query for the two-column layout.
 */
export const resultsStyles = css`
  @layer essaim {
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
    input[type='search'] {
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
    .hint {
      color: var(--_muted);
      font-size: 0.875em;
      margin: 0.25em 0;
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
    .cards {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.5em;
      margin-block: 0.75em;
      margin-inline: 0;
    }
    .card {
      background: var(--_surface-alt);
      border: 1px solid transparent;
      border-inline-start: 4px solid var(--_primary);
      border-radius: var(--_radius);
      padding: 0.5em 0.75em;
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
  }
`;
