/**
 * The map's colours: its symbols (structures in the primary colour, events in their own colour, the
 * selection in red), read from the widget's tokens as MapLibre can parse them, and whether the widget's
 * colour scheme is dark (then the basemap is dark too). Every symbol is at least 3:1 against every
 * colour of the basemap of its scheme (WCAG 1.4.11), in the default and the DSFR themes: see
 * `mapContrastPairs`, checked by the theme test.
 */
import { type BasemapColors, darkColors, defaultColors } from './basemap.ts';

/** The events' colour (`--ess-map-event-color`), light and dark. */
export const EVENT_COLOR = { light: '#b34000', dark: '#ff8d4f' } as const;

/** The selected point. */
export const SELECTED_COLOR = { light: '#e1000f', dark: '#ff6b6b' } as const;

/** The outline around filled symbols, and the inside of hollow ones. */
export const HALO_COLOR = { light: '#ffffff', dark: '#161616' } as const;

/**
 * The pairs to check, per scheme: each symbol colour (`primary` is the theme's `--ess-color-primary`)
 * against each colour of that scheme's basemap, at least 3:1.
 */
export const mapContrastPairs = (
  scheme: 'light' | 'dark',
  primary: string,
): [string, string, string, number][] => {
  const basemap: BasemapColors = scheme === 'dark' ? darkColors : defaultColors;
  const symbols: [string, string][] = [
    ['structures and clusters (--ess-color-primary)', primary],
    ['events (--ess-map-event-color)', EVENT_COLOR[scheme]],
    ['selected', SELECTED_COLOR[scheme]],
  ];
  const grounds: [string, string][] = [
    ['land', basemap.land],
    ['water', basemap.water],
    ['neighbour', basemap.neighbour],
  ];
  return symbols.flatMap(([what, fg]) =>
    grounds.map(([where, bg]): [string, string, string, number] => [`${what} on ${where}`, fg, bg, 3]),
  );
};

/** Whether the widget's colour scheme (`--ess-color-scheme`, or the visitor's preference) is dark. */
export function isDark(root: ParentNode): boolean {
  const probe = document.createElement('span');
  probe.style.color = 'light-dark(rgb(0, 0, 0), rgb(255, 255, 255))';
  root.appendChild(probe);
  const dark = getComputedStyle(probe).color === 'rgb(255, 255, 255)';
  probe.remove();
  return dark;
}

/**
 * A colour token as MapLibre can parse it: the computed colour of a probe (a token may be written
 * `light-dark(…)` or `var(…)`, which MapLibre cannot read). Set through the CSSOM: no inline style
 * attribute, so a strict CSP allows it.
 */
export function resolveColor(root: ParentNode, token: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${token}, ${fallback})`;
  root.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || fallback;
}

/** The colours the overlay paints with, resolved for the widget's current scheme. */
export interface SymbolColors {
  dark: boolean;
  primary: string;
  /** Text on the primary colour (the structures' cluster counts). */
  onPrimary: string;
  event: string;
  selected: string;
  halo: string;
}

export function symbolColors(root: ParentNode): SymbolColors {
  const dark = isDark(root);
  const scheme = dark ? 'dark' : 'light';
  return {
    dark,
    primary: resolveColor(root, '--ess-color-primary', dark ? '#8585f6' : '#000091'),
    onPrimary: resolveColor(root, '--ess-color-on-primary', dark ? '#000091' : '#ffffff'),
    event: resolveColor(root, '--_map-event', EVENT_COLOR[scheme]),
    selected: SELECTED_COLOR[scheme],
    halo: HALO_COLOR[scheme],
  };
}

/**
 * Calls `onChange` when the scheme may have changed: the visitor's preference, or a theme switched on
 * `<html>` (the DSFR's `data-fr-theme`, a class, `--ess-color-scheme` in its style). Returns the stop.
 */
export function watchScheme(onChange: () => void): () => void {
  const query = matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true });
  return () => {
    query.removeEventListener('change', onChange);
    observer.disconnect();
  };
}
