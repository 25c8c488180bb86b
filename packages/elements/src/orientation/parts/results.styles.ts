import { css } from 'lit';

/** Styles of the results (loaded with them, adopted by the element then). */
export const resultsStyles = css`
  @layer essaim {
    button.link {
      border: 0;
      min-block-size: auto;
      padding: 0 0.25em;
      text-decoration: underline;
      background: none;
    }
    .answers dl {
      margin: 0;
      display: grid;
      gap: 0.25em;
    }
    .answer {
      display: grid;
      grid-template-columns: minmax(8em, 1fr) 2fr;
      gap: 0.5em;
    }
    .answer dt {
      font-weight: 600;
    }
    .answer dd {
      margin: 0;
    }
    .count {
      font-weight: 600;
    }
    .cards {
      list-style: none;
      margin: 0.75em 0;
      padding: 0;
      display: grid;
      gap: 0.75em;
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
    .by,
    .meta {
      margin-block: 0.25em 0;
      margin-inline: 0;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75em;
      color: var(--_muted);
    }
    .why {
      margin-block: 0.375em;
    }
    .why summary {
      cursor: pointer;
      color: var(--_primary);
      text-decoration: underline;
    }
    .why ul {
      margin: 0.25em 0;
      padding-inline-start: 1.25em;
    }
    .contact {
      list-style: none;
      margin-block: 0.5em 0;
      margin-inline: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1em;
      align-items: center;
    }
    .print-only {
      display: none;
    }
    .notice.widened {
      background: var(--_warning-bg);
      border-color: var(--_warning);
    }
    .empty {
      padding: 0.75em;
      background: var(--_surface-alt);
      border-radius: var(--_radius);
    }
    .alternatives {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.5em;
    }
  }
`;
