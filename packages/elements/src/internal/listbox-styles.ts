import { css } from 'lit';

/**
 * The rules of the places combobox's list of suggestions, to interpolate inside a component's
 * `@layer essaim { … }` block (the directory's near-me field and the orientation's place step). A module
 * of its own: the agenda reuses the directory's styles and must not load the places controller with them.
 * Forced colours drop backgrounds: the highlighted option is then in the system's selection colours.
 */
export const listboxStyles = css`
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
    max-block-size: 16em;
    overflow: auto;
  }
  .listbox[hidden] {
    display: none;
  }
  [role='option'] {
    padding: 0.5em;
    cursor: pointer;
  }
  [role='option'][aria-selected='true'],
  [role='option']:hover {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  @media (forced-colors: active) {
    [role='option'][aria-selected='true'],
    [role='option']:hover {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
