import { css } from 'lit';
import { listboxStyles } from '../../internal/listbox-styles.ts';

/** Styles of the place step (loaded with it, adopted by the element then). */
export const placeStyles = css`
  @layer essaim {
    .place {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1em;
      align-items: end;
    }
    .combo {
      position: relative;
      flex: 1 1 14em;
    }
    .combo label {
      display: block;
    }
    input[type='text'] {
      inline-size: 100%;
      min-block-size: 2.5em;
      padding: 0.375em 0.5em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    input[aria-invalid='true'] {
      border: 2px solid var(--_error);
    }
    ${listboxStyles}
    .geo-status {
      flex-basis: 100%;
      margin: 0;
    }
    .geo-status:empty {
      display: none;
    }
  }
`;
