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
      margin-block: calc(0.5*var(--_rem));
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
      margin-block: calc(0.5*var(--_rem)) 0;
      margin-inline: 0;
    }
    fieldset {
      border: 0;
      margin-block: 0 var(--_rem);
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
      padding-inline-start: calc(0.75*var(--_rem));
    }
    .error-message {
      color: var(--_error);
      font-weight: 700;
      margin-block: calc(0.25*var(--_rem)) calc(0.5*var(--_rem));
      margin-inline: 0;
    }
    .error-summary {
      border: 4px solid var(--_error);
      padding: calc(0.75*var(--_rem)) var(--_rem);
      margin-block: calc(0.75*var(--_rem));
    }
    .error-summary:focus {
      outline: var(--_focus-ring);
      outline-offset: var(--_focus-offset);
    }
    .error-summary ul {
      margin: 0;
      padding-inline-start: calc(1.25*var(--_rem));
    }
    .error-summary a {
      color: var(--_error);
      font-weight: 700;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.875em;
      margin-block: calc(0.125*var(--_rem)) 0;
      margin-inline: 0;
    }
    .options {
      display: grid;
      gap: calc(0.5*var(--_rem));
    }
    .option {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: calc(0.5*var(--_rem));
      align-items: start;
    }
    .option input {
      inline-size: calc(1.5*var(--_rem));
      block-size: calc(1.5*var(--_rem));
      margin-block: calc(0.125*var(--_rem)) 0;
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
      gap: calc(0.5*var(--_rem));
      margin-block: calc(0.75*var(--_rem));
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
