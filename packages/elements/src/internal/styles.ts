import { css, unsafeCSS } from 'lit';

/**
 * The global design tokens. A host page themes every Essaim widget by setting these custom properties
 * on any ancestor (`:root`, a wrapper, the element itself): they inherit through the shadow roots.
 * Each colour has a light and a dark default; the widget shows the dark ones when its colour scheme is
 * dark (see `--ess-color-scheme`). A page that sets a colour should set both, e.g.
 * `--ess-color-primary: light-dark(#6a1b9a, #ce93d8)`, or pin the scheme with `--ess-color-scheme`.
 *
 * The default values meet WCAG 2.2 AA in both schemes (`contrastPairs` below, checked by the tests).
 */
export interface ColorToken {
  /** The public custom property. */
  readonly name: `--ess-${string}`;
  /** The private property the component styles read. */
  readonly internal: `--_${string}`;
  readonly light: string;
  readonly dark: string;
  readonly description: string;
}

export const colorTokens = [
  {
    name: '--ess-color-primary',
    internal: '--_primary',
    light: '#000091',
    dark: '#8585f6',
    description: 'Links, buttons, selected states and accents',
  },
  {
    name: '--ess-color-on-primary',
    internal: '--_on-primary',
    light: '#ffffff',
    dark: '#000091',
    description: 'Text on a primary background (primary buttons, selected options)',
  },
  {
    name: '--ess-color-text',
    internal: '--_text',
    light: '#1e1e1e',
    dark: '#e5e5e5',
    description: 'Body text',
  },
  {
    name: '--ess-color-text-muted',
    internal: '--_muted',
    light: '#555555',
    dark: '#a6a6a6',
    description: 'Secondary text (hints, counts, metadata)',
  },
  {
    name: '--ess-color-surface',
    internal: '--_surface',
    light: '#ffffff',
    dark: '#161616',
    description: 'Background of the widget, fields and menus',
  },
  {
    name: '--ess-color-surface-alt',
    internal: '--_surface-alt',
    light: '#f5f5fe',
    dark: '#1e1e1e',
    description: 'Background of cards, panels and empty states',
  },
  {
    name: '--ess-color-border',
    internal: '--_border',
    light: '#929292',
    dark: '#7b7b7b',
    description: 'Borders of fields, fieldsets and lists (3:1 against the surface)',
  },
  {
    name: '--ess-color-error',
    internal: '--_error',
    light: '#ce0500',
    dark: '#ff5655',
    description: 'Errors and cancelled events',
  },
  {
    name: '--ess-color-success',
    internal: '--_success',
    light: '#18753c',
    dark: '#27a658',
    description: '"Open now", free events',
  },
  {
    name: '--ess-color-warning',
    internal: '--_warning',
    light: '#6e4b00',
    dark: '#ffc46b',
    description: 'Warning text and borders (stale data, full or moved events)',
  },
  {
    name: '--ess-color-warning-surface',
    internal: '--_warning-bg',
    light: '#fff4d6',
    dark: '#3b2a00',
    description: 'Background of warnings',
  },
  {
    name: '--ess-color-focus',
    internal: '--_focus',
    light: '#0a76f6',
    dark: '#0a76f6',
    description: 'Focus ring colour (3:1 against the surfaces)',
  },
] as const satisfies readonly ColorToken[];

export type ColorTokenName = (typeof colorTokens)[number]['name'];

/** The other global tokens and their defaults. */
export const otherTokens = [
  {
    name: '--ess-color-scheme',
    default: 'light dark',
    description:
      'Colour scheme: `light dark` follows the visitor’s `prefers-color-scheme`; `light` or `dark` pins it',
  },
  { name: '--ess-font-family', default: 'inherit', description: 'Font family (the page’s by default)' },
  {
    name: '--ess-font-size',
    default: '16px',
    description: 'Base font size (every size inside the widget follows it, not the page’s `rem`)',
  },
  { name: '--ess-line-height', default: '1.5', description: 'Base line height' },
  { name: '--ess-radius', default: '4px', description: 'Corner radius of fields, buttons and cards' },
  { name: '--ess-space', default: '16px', description: 'Base spacing between blocks' },
  { name: '--ess-focus-width', default: '2px', description: 'Focus ring width' },
  { name: '--ess-focus-offset', default: '2px', description: 'Focus ring offset' },
] as const;

/**
 * The tokens of the controls' look: fields, buttons, checkboxes, cards and tabs. Each defaults to the
 * built-in look (`default` is that value written with the global tokens, as `themes/default.css` has
 * it); the DSFR theme sets them to the DSFR components' look (`fr-input`, `fr-btn`, `fr-checkbox-group`,
 * `fr-card`, `fr-tabs`).
 */
export const componentTokens = [
  {
    name: '--ess-input-background',
    default: 'var(--ess-color-surface)',
    description: 'Background of text fields and drop-down lists',
  },
  {
    name: '--ess-input-border-color',
    default: 'var(--ess-color-border)',
    description: 'Colour of the 1px border of text fields and drop-down lists (`transparent` for none)',
  },
  {
    name: '--ess-input-shadow',
    default: 'none',
    description:
      'A box-shadow on text fields and drop-down lists, e.g. the DSFR’s 2px underline `inset 0 -2px 0 0 #3a3a3a`',
  },
  {
    name: '--ess-input-radius',
    default: 'var(--ess-radius)',
    description: 'Corner radius of text fields and drop-down lists (`4px 4px 0 0`: the top corners only)',
  },
  { name: '--ess-button-radius', default: 'var(--ess-radius)', description: 'Corner radius of buttons' },
  {
    name: '--ess-button-font-weight',
    default: 'inherit',
    description: 'Font weight of buttons (the text’s by default)',
  },
  {
    name: '--ess-fieldset-border-color',
    default: 'var(--ess-color-border)',
    description: 'Colour of the frame of groups of fields (`transparent`: no frame, as the DSFR’s)',
  },
  {
    name: '--ess-check-size',
    default: 'auto',
    description: 'Width and height of checkboxes and radio buttons (`auto`: the browser’s size)',
  },
  {
    name: '--ess-check-align',
    default: 'auto',
    description:
      'How a checkbox or radio button sits beside its label: `auto` (on the text’s baseline) or `flex-start` (on the first line’s top, for boxes as tall as a line)',
  },
  {
    name: '--ess-card-background',
    default: 'var(--ess-color-surface-alt)',
    description: 'Background of the result cards',
  },
  {
    name: '--ess-card-border',
    default: '1px solid transparent',
    description: 'Border of the result cards',
  },
  {
    name: '--ess-card-border-inline-start',
    default: '4px solid var(--ess-color-primary)',
    description: 'Start-side border of the result cards (the accent)',
  },
  {
    name: '--ess-card-radius',
    default: 'var(--ess-radius)',
    description: 'Corner radius of the result cards',
  },
  {
    name: '--ess-tab-background',
    default: 'var(--ess-color-surface)',
    description: 'Background of the tabs not selected (the agenda’s views)',
  },
  {
    name: '--ess-tab-color',
    default: 'var(--ess-color-primary)',
    description: 'Text of the tabs not selected',
  },
  {
    name: '--ess-tab-border-color',
    default: 'var(--ess-color-primary)',
    description: 'Colour of the tabs’ 1px border',
  },
  {
    name: '--ess-tab-selected-background',
    default: 'var(--ess-color-primary)',
    description: 'Background of the selected tab',
  },
  {
    name: '--ess-tab-selected-color',
    default: 'var(--ess-color-on-primary)',
    description: 'Text of the selected tab',
  },
  {
    name: '--ess-tab-indicator',
    default: 'none',
    description: 'A box-shadow marking the selected tab, e.g. the DSFR’s top line `inset 0 2px 0 0 #000091`',
  },
  { name: '--ess-tab-radius', default: 'var(--ess-radius)', description: 'Corner radius of the tab row' },
  {
    name: '--ess-tab-font-weight',
    default: 'var(--ess-button-font-weight)',
    description: 'Font weight of the tabs',
  },
] as const;

/**
 * Foreground/background pairs the widgets actually draw, with the WCAG 2.2 minimum ratio each needs
 * (4.5 for text, 3 for borders and the focus ring).
 */
export const contrastPairs: ReadonlyArray<readonly [ColorTokenName, ColorTokenName, number]> = [
  ['--ess-color-text', '--ess-color-surface', 4.5],
  ['--ess-color-text', '--ess-color-surface-alt', 4.5],
  ['--ess-color-text', '--ess-color-warning-surface', 4.5],
  ['--ess-color-text-muted', '--ess-color-surface', 4.5],
  ['--ess-color-text-muted', '--ess-color-surface-alt', 4.5],
  ['--ess-color-primary', '--ess-color-surface', 4.5],
  ['--ess-color-primary', '--ess-color-surface-alt', 4.5],
  ['--ess-color-on-primary', '--ess-color-primary', 4.5],
  ['--ess-color-error', '--ess-color-surface', 4.5],
  ['--ess-color-success', '--ess-color-surface', 4.5],
  ['--ess-color-success', '--ess-color-surface-alt', 4.5],
  ['--ess-color-warning', '--ess-color-warning-surface', 4.5],
  ['--ess-color-border', '--ess-color-surface', 3],
  ['--ess-color-focus', '--ess-color-surface', 3],
  ['--ess-color-focus', '--ess-color-surface-alt', 3],
];

const colorDeclarations = colorTokens
  .map((t) => `${t.internal}: var(${t.name}, light-dark(${t.light}, ${t.dark}));`)
  .join('\n');

/**
 * Styles shared by every element. Everything sits in the `essaim` cascade layer, so any rule of the
 * host page on the element (`ess-directory { … }`, `::part()`) wins without `!important`.
 * The scheme follows `prefers-color-scheme` (`color-scheme: light dark`) unless the page pins it with
 * `--ess-color-scheme` on any ancestor or `color-scheme` on the element.
 *
 * (The notes are here, not in the CSS: what is inside the template ships to every visitor.)
 * - `--_rem` is the widget's own "rem": its sizes follow --ess-font-size, never the page's root size.
 * - Only the documented tokens and parts cross the boundary: the host element itself is the page's (a
 *   careless `* { color: red !important; text-transform: uppercase }` reaches it), so the inherited
 *   text properties are set again on every top-level element of the shadow root (`:host > *`).
 * - `box-sizing` is set on every element, not inherited from the host: a page's
 *   `*{box-sizing:inherit}` (DSFR) reaches the host and would hand the insides whatever the page has.
 * - The controls' look (`componentTokens`): the components' own rules write the look of fields and
 *   tabs with the private properties (--_radius, --_surface, --_border, --_primary); the rules here
 *   give those properties the control's token on the control itself, so every component follows the
 *   theme without repeating it. Buttons read theirs directly (--_btn-*, set for tabs). Cards are the
 *   exception: their background and borders are set here (`:host .card` beats a component's `.card`;
 *   its `.card.selected` still wins), on screen only, so a component's print rules keep theirs.
 */
export const baseStyles = css`
  @layer essaim {
    :host {
      ${unsafeCSS(colorDeclarations)}
      --_rem: var(--ess-font-size, 16px);
      --_radius: var(--ess-radius, 4px);
      --_space: var(--ess-space, 16px);
      --_focus-width: var(--ess-focus-width, 2px);
      --_focus-offset: var(--ess-focus-offset, 2px);
      --_focus-ring: var(--_focus-width) solid var(--_focus);
      --_input-bg: var(--ess-input-background, var(--_surface));
      --_input-border: var(--ess-input-border-color, var(--_border));
      --_tab-bg: var(--ess-tab-selected-background, var(--_primary));
      --_tab-fg: var(--ess-tab-selected-color, var(--_on-primary));
      color-scheme: var(--ess-color-scheme, light dark);
      display: block;
      box-sizing: border-box;
      color: var(--_text);
      background: var(--_surface);
      accent-color: var(--_primary);
      font-family: var(--ess-font-family, inherit);
      font-size: var(--_rem);
      line-height: var(--ess-line-height, 1.5);
    }
    :host > * {
      color: var(--_text);
      font-size: var(--_rem);
      font-style: normal;
      font-weight: normal;
      font-variant: normal;
      line-height: var(--ess-line-height, 1.5);
      letter-spacing: normal;
      word-spacing: normal;
      text-transform: none;
      text-align: start;
      text-indent: 0;
      text-shadow: none;
      white-space: normal;
      visibility: visible;
      cursor: auto;
      -webkit-text-fill-color: currentColor;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    :focus-visible {
      outline: var(--_focus-ring);
      outline-offset: var(--_focus-offset);
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
      border: 1px solid var(--_btn-border, var(--_primary));
      border-radius: var(--ess-button-radius, var(--_radius));
      background: var(--_btn-bg, var(--_surface));
      color: var(--_btn-fg, var(--_primary));
      font-weight: var(--ess-button-font-weight, inherit);
      padding-block: 0.375em;
      padding-inline: 0.75em;
      min-block-size: 2.5em;
    }
    input:not([type='checkbox'], [type='radio']),
    select,
    textarea {
      --_radius: var(--ess-input-radius, var(--ess-radius, 4px));
      --_surface: var(--_input-bg);
      --_border: var(--_input-border);
      box-shadow: var(--ess-input-shadow, none);
    }
    :host fieldset {
      border-color: var(--ess-fieldset-border-color, var(--_border));
    }
    input[type='checkbox'],
    input[type='radio'] {
      inline-size: var(--ess-check-size, auto);
      block-size: var(--ess-check-size, auto);
      flex-shrink: 0;
      align-self: var(--ess-check-align, auto);
    }
    @media screen {
      :host .card {
        background: var(--ess-card-background, var(--_surface-alt));
        border: var(--ess-card-border, 1px solid transparent);
        border-inline-start: var(--ess-card-border-inline-start, 4px solid var(--_primary));
        border-radius: var(--ess-card-radius, var(--_radius));
      }
    }
    [role='tab'] {
      --_radius: var(--ess-tab-radius, var(--ess-radius, 4px));
      --_btn-border: var(--ess-tab-border-color, var(--_primary));
      --_btn-bg: var(--ess-tab-background, var(--_surface));
      --_btn-fg: var(--ess-tab-color, var(--_primary));
      font-weight: var(--ess-tab-font-weight, var(--ess-button-font-weight, inherit));
    }
    [role='tab'][aria-selected='true'] {
      --_primary: var(--_tab-bg);
      --_on-primary: var(--_tab-fg);
      box-shadow: var(--ess-tab-indicator, none);
    }
    button.primary {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    a {
      color: var(--_primary);
    }
    .notice {
      padding-block: 0.5em;
      padding-inline: 0.75em;
      border-inline-start: 4px solid currentColor;
      margin-block: 0.5em;
    }
    .notice.error {
      color: var(--_error);
      background: var(--_surface);
    }
    .notice.stale {
      background: var(--_warning-bg);
      border-color: var(--_warning);
    }
    .notice > p {
      margin-block: 0 0.25em;
    }
    .notice .details {
      color: var(--_text);
      font-size: 0.875em;
      margin-block: 0.25em;
    }
    .notice.rejected {
      color: var(--_muted);
      border-color: var(--_border);
      font-size: 0.875em;
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation: none !important;
        transition: none !important;
        scroll-behavior: auto !important;
      }
    }
  }
`;
