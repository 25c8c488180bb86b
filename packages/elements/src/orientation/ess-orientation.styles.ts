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
      margin-block: 0.5em;
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
      margin-block: 0.5em 0;
      margin-inline: 0;
    }
    fieldset {
      border: 0;
      margin-block: 0 1em;
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
      font-size: calc(1.375*var(--_rem));
    }
    .optional {
      font-weight: 400;
      font-size: 0.875em;
      color: var(--_muted);
    }
    fieldset.invalid {
      border-inline-start: 4px solid var(--_error);
      padding-inline-start: 0.75em;
    }
    .error-message {
      color: var(--_error);
      font-weight: 700;
      margin-block: 0.25em 0.5em;
      margin-inline: 0;
    }
    .error-summary {
      border: 4px solid var(--_error);
      padding: 0.75em 1em;
      margin-block: 0.75em;
    }
    .error-summary:focus {
      outline: var(--_focus-ring);
      outline-offset: var(--_focus-offset);
    }
    .error-summary ul {
      margin: 0;
      padding-inline-start: 1.25em;
    }
    .error-summary a {
      color: var(--_error);
      font-weight: 700;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.875em;
      margin-block: 0.125em 0;
      margin-inline: 0;
    }
    .options {
      display: grid;
      gap: 0.5em;
    }
    .option {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: 0.5em;
      align-items: start;
    }
    .option input {
      inline-size: 1.5em;
      block-size: 1.5em;
      margin-block: 0.125em 0;
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
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      margin-block: 0.75em;
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
