import { css } from 'lit';

/** Styles of the results (loaded with them, adopted by the element then). */
export const resultsStyles = css`
  @layer essaim {
    button.link {
      border: 0;
      min-block-size: auto;
      padding: 0 calc(0.25*var(--_rem));
      text-decoration: underline;
      background: none;
    }
    .answers dl {
      margin: 0;
      display: grid;
      gap: calc(0.25*var(--_rem));
    }
    .answer {
      display: grid;
      grid-template-columns: minmax(calc(8*var(--_rem)), 1fr) 2fr;
      gap: calc(0.5*var(--_rem));
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
      margin: calc(0.75*var(--_rem)) 0;
      padding: 0;
      display: grid;
      gap: calc(0.75*var(--_rem));
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
    .by,
    .meta {
      margin-block: calc(0.25*var(--_rem)) 0;
      margin-inline: 0;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 calc(0.75*var(--_rem));
      color: var(--_muted);
    }
    .why {
      margin-block: calc(0.375*var(--_rem));
    }
    .why summary {
      cursor: pointer;
      color: var(--_primary);
      text-decoration: underline;
    }
    .why ul {
      margin: calc(0.25*var(--_rem)) 0;
      padding-inline-start: calc(1.25*var(--_rem));
    }
    .contact {
      list-style: none;
      margin-block: calc(0.5*var(--_rem)) 0;
      margin-inline: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: calc(0.5*var(--_rem)) var(--_rem);
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
      padding: calc(0.75*var(--_rem));
      background: var(--_surface-alt);
      border-radius: var(--_radius);
    }
    .alternatives {
      list-style: none;
      padding: 0;
      display: grid;
      gap: calc(0.5*var(--_rem));
    }
  }
`;
