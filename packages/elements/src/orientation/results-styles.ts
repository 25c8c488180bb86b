import { css } from 'lit';

/** Styles of the results (loaded with them, adopted by the element then). */
export const resultsStyles = css`
  @layer essaim {
    button.link {
      border: 0;
      min-block-size: auto;
      padding: 0 0.25rem;
      text-decoration: underline;
      background: none;
    }
    .answers dl {
      margin: 0;
      display: grid;
      gap: 0.25rem;
    }
    .answer {
      display: grid;
      grid-template-columns: minmax(8rem, 1fr) 2fr;
      gap: 0.5rem;
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
      margin: 0.75rem 0;
      padding: 0;
      display: grid;
      gap: 0.75rem;
    }
    .card {
      background: var(--_surface-alt);
      border: 1px solid transparent;
      border-inline-start: 4px solid var(--_primary);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
    }
    .card.selected {
      border-color: var(--_primary);
    }
    .card h3,
    .card h4,
    .card h5,
    .card h6 {
      margin: 0;
      font-size: 1.0625rem;
    }
    .by,
    .meta {
      margin-block: 0.25rem 0;
      margin-inline: 0;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      color: var(--_muted);
    }
    .why {
      margin-block: 0.375rem;
    }
    .why summary {
      cursor: pointer;
      color: var(--_primary);
      text-decoration: underline;
    }
    .why ul {
      margin: 0.25rem 0;
      padding-inline-start: 1.25rem;
    }
    .contact {
      list-style: none;
      margin-block: 0.5rem 0;
      margin-inline: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
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
      padding: 0.75rem;
      background: var(--_surface-alt);
      border-radius: var(--_radius);
    }
    .alternatives {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
  }
`;
