import { css } from 'lit';
import { listboxStyles } from '../internal/listbox-styles.ts';

/** Styles of the place step (loaded with it, adopted by the element then). */
export const placeStyles = css`
  @layer essaim {
    .place {
      display: flex;
      flex-wrap: wrap;
      gap: calc(0.5*var(--_rem)) var(--_rem);
      align-items: end;
    }
    .combo {
      position: relative;
      flex: 1 1 calc(14*var(--_rem));
    }
    .combo label {
      display: block;
    }
    input[type='text'] {
      inline-size: 100%;
      min-block-size: calc(2.5*var(--_rem));
      padding: calc(0.375*var(--_rem)) calc(0.5*var(--_rem));
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
