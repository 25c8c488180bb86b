import { css } from 'lit';

/** Styles of `<ess-orientation>`, in the `essaim` layer (host `::part()` rules win). */
export const orientationStyles = css`
  @layer essaim {
    :host {
      container: ess-orientation / inline-size;
    }
    h2,
    h3,
    h4,
    h5,
    h6 {
      margin-block: 0.5rem;
      line-height: 1.25;
    }
    [tabindex='-1']:focus {
      outline: none;
    }
    [tabindex='-1']:focus-visible {
      outline: var(--_focus-ring);
    }
    .progress {
      color: var(--_muted);
      margin-block: 0.5rem 0;
      margin-inline: 0;
    }
    fieldset {
      border: 0;
      margin-block: 0 1rem;
      margin-inline: 0;
      padding: 0;
      min-inline-size: 0;
    }
    legend {
      padding: 0;
    }
    legend h3,
    legend h4,
    legend h5,
    legend h6 {
      font-size: 1.375rem;
    }
    .optional {
      font-weight: 400;
      font-size: 0.875em;
      color: var(--_muted);
    }
    fieldset.invalid {
      border-inline-start: 4px solid var(--_error);
      padding-inline-start: 0.75rem;
    }
    .error-message {
      color: var(--_error);
      font-weight: 700;
      margin-block: 0.25rem 0.5rem;
      margin-inline: 0;
    }
    .error-summary {
      border: 4px solid var(--_error);
      padding: 0.75rem 1rem;
      margin-block: 0.75rem;
    }
    .error-summary:focus {
      outline: var(--_focus-ring);
      outline-offset: var(--_focus-offset);
    }
    .error-summary ul {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .error-summary a {
      color: var(--_error);
      font-weight: 700;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.875em;
      margin-block: 0.125rem 0;
      margin-inline: 0;
    }
    .options {
      display: grid;
      gap: 0.5rem;
    }
    .option {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: 0.5rem;
      align-items: start;
    }
    .option input {
      inline-size: 1.5rem;
      block-size: 1.5rem;
      margin-block: 0.125rem 0;
      margin-inline: 0;
      accent-color: var(--_primary);
    }
    .option label {
      cursor: pointer;
    }
    .option .hint {
      grid-column: 2;
    }
    label {
      font-weight: 600;
    }
    .place {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: end;
    }
    .combo {
      position: relative;
      flex: 1 1 14rem;
    }
    .combo label {
      display: block;
    }
    input[type='text'] {
      inline-size: 100%;
      min-block-size: 2.5rem;
      padding: 0.375rem 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    input[aria-invalid='true'] {
      border: 2px solid var(--_error);
    }
    .listbox {
      position: absolute;
      z-index: 2;
      inset-inline: 0;
      margin: 0;
      padding: 0;
      list-style: none;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      max-block-size: 16rem;
      overflow: auto;
    }
    .listbox[hidden] {
      display: none;
    }
    [role='option'] {
      padding: 0.5rem;
      cursor: pointer;
    }
    [role='option'][aria-selected='true'],
    [role='option']:hover {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    .geo-status {
      flex-basis: 100%;
      margin: 0;
    }
    .geo-status:empty {
      display: none;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-block: 0.75rem;
    }
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
    @media print {
      button,
      .actions,
      .privacy,
      .progress {
        display: none !important;
      }
      .print-only {
        display: inline;
      }
      .card {
        break-inside: avoid;
        border: 1px solid #000;
        background: none;
      }
      a {
        color: inherit;
        text-decoration: none;
      }
    }
  }
`;
