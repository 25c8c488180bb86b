/**
 * The one reading of the elements' attributes: code lists, `near`, numbers. Lists are separated by
 * spaces, commas or semicolons (`departements="75 93"`, `"75,93"` and `"75;93"` are the same); each
 * number is clamped to its range; whatever is ignored or changed is said once in the console, naming the
 * element, the attribute and the value.
 */
import { COG_PATTERNS } from '@essaim/sdk';

const said = new WeakMap<Element, Map<string, string>>();

/** `console.warn`, once per element, attribute and value. */
export function warnAttribute(el: Element, attr: string, value: string, what: string): void {
  let seen = said.get(el);
  if (!seen) said.set(el, (seen = new Map()));
  if (seen.get(attr) === value) return;
  seen.set(attr, value);
  console.warn(`[essaim] <${el.localName}> ${attr}="${value}": ${what}`);
}

/** The items of a list attribute; with `valid`, the others are dropped and said. */
export function parseList(
  el: Element,
  attr: string,
  value: string | null | undefined,
  valid?: (item: string) => boolean,
): string[] {
  const items = (value ?? '').split(/[\s,;]+/).filter(Boolean);
  if (!valid) return items;
  const bad = items.filter((v) => !valid(v));
  if (bad.length) warnAttribute(el, attr, value!, `ignored ${bad.join(' ')}`);
  return items.filter(valid);
}

/** The territory attributes (`communes`, `epcis`, `departements`, `regions`): COG codes, checked. */
export function parseTerritory(
  el: Element & Partial<Record<'communes' | 'epcis' | 'departements' | 'regions', string>>,
) {
  const codes = (attr: 'communes' | 'epcis' | 'departements' | 'regions', field: keyof typeof COG_PATTERNS) =>
    parseList(el, attr, el[attr], (v) => COG_PATTERNS[field].test(v));
  return {
    communes: codes('communes', 'commune'),
    epcis: codes('epcis', 'epci'),
    departements: codes('departements', 'departement'),
    regions: codes('regions', 'region'),
  };
}

/** A number attribute clamped to `[min, max]` (`fallback` when missing or not a number). */
export function parseNumber(
  el: Element,
  attr: string,
  value: number | string | null | undefined,
  { min, max, fallback, integer = false }: { min: number; max: number; fallback: number; integer?: boolean },
): number {
  if (value === null || value === undefined || value === '') return fallback;
  let n = Number(value);
  if (!Number.isFinite(n)) {
    warnAttribute(el, attr, String(value), `${fallback} used`);
    return fallback;
  }
  if (integer) n = Math.floor(n);
  const clamped = Math.min(max, Math.max(min, n));
  if (clamped !== Number(value)) warnAttribute(el, attr, String(value), `${clamped} used (${min}–${max})`);
  return clamped;
}

/** A `lat,lon` point (WGS 84; comma, semicolon or space between), or `undefined`, said when invalid. */
export function parseNear(el: Element, attr: string, value: string | null | undefined) {
  if (!value?.trim()) return undefined;
  const parts = value.trim().split(/\s*[,;\s]\s*/);
  const [lat, lon] = parts.map(Number) as [number, number];
  if (parts.length === 2 && parts.every(Boolean) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)
    return { lat, lon };
  warnAttribute(el, attr, value, 'ignored (not "lat,lon")');
  return undefined;
}
