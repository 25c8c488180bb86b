import { css } from 'lit';

/**
 * Styles shared by every element. Global tokens (`--ess-*`) are read with fallbacks, so a host page
 * themes every widget by setting them on any ancestor. Everything sits in the `essaim` cascade layer so
 * that the page's `::part()` rules win without `!important`.
 */
export const baseStyles = css`
  @layer essaim {
    :host {
      --_primary: var(--ess-color-primary, #000091);
      --_on-primary: var(--ess-color-on-primary, #ffffff);
      --_text: var(--ess-color-text, #1e1e1e);
      --_muted: var(--ess-color-text-muted, #555555);
      --_surface: var(--ess-color-surface, #ffffff);
      --_surface-alt: var(--ess-color-surface-alt, #f5f5fe);
      --_border: var(--ess-color-border, #929292);
      --_error: var(--ess-color-error, #ce0500);
      --_warning-bg: var(--ess-color-warning-surface, #fff4d6);
      --_focus: var(--ess-color-focus, #0a76f6);
      --_radius: var(--ess-radius, 0.25rem);
      --_space: var(--ess-space, 1rem);
      display: block;
      box-sizing: border-box;
      color: var(--_text);
      font-family: var(--ess-font-family, inherit);
      font-size: var(--ess-font-size, 1rem);
      line-height: 1.5;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    :focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .sr-only {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      padding: 0;
      margin: -1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
      border: 0;
    }
    button,
    input,
    select {
      font: inherit;
      color: inherit;
    }
    button {
      cursor: pointer;
      border: 1px solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_primary);
      padding: 0.375rem 0.75rem;
      min-block-size: 2.5rem;
    }
    button.primary {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    a {
      color: var(--_primary);
    }
    .notice {
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid currentColor;
      margin-block: 0.5rem;
    }
    .notice.error {
      color: var(--_error);
      background: var(--_surface);
    }
    .notice.stale {
      background: var(--_warning-bg);
      border-color: #b38600;
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation-duration: 0.01ms !important;
        transition-duration: 0.01ms !important;
      }
    }
  }
`;
