/**
 * The one reading of the elements' attributes: code lists, `near`, numbers. Lists are separated by
 * spaces, commas or semicolons (`departements="75 93"`, `"75,93"` and `"75;93"` are the same); each
 * number is clamped to its range; whatever is ignored or changed is said once in the console, naming the
 * element, the attribute and the value.
 */
import { COG_PATTERNS } from '@essaim/sdk';
import type { ReactiveElement } from 'lit';

const said = new WeakMap<Element, Set<string>>();

/** `console.warn`, once per element, attribute, value and reason. */
export function warnAttribute(el: Element, attr: string, value: unknown, what: string): void {
  const text = `[essaim] <${el.localName}> ${attr}="${value}": ${what}`;
  let seen = said.get(el);
  if (!seen) said.set(el, (seen = new Set()));
  if (!seen.has(text)) console.warn(text);
  seen.add(text);
}

/** The items of a list attribute; with `valid`, the others are dropped and said. */
export function parseList(
  el: Element,
  attr: string,
  value: string | null | undefined,
  valid?: (item: string) => boolean,
): string[] {
  const items = (value ?? '').split(/[\s,;]+/).filter(Boolean);
  const bad = valid ? items.filter((v) => !valid(v)) : [];
  if (bad.length) warnAttribute(el, attr, value, `ignored ${bad.join(' ')}`);
  return valid ? items.filter(valid) : items;
}

type Territory = 'communes' | 'epcis' | 'departements' | 'regions';

/** The territory attributes (`communes`, `epcis`, `departements`, `regions`): COG codes, checked. */
export function parseTerritory(
  el: Element & Partial<Record<Territory, string>>,
): Record<Territory, string[]> {
  const codes = (attr: Territory, field: keyof typeof COG_PATTERNS) =>
    parseList(el, attr, el[attr], (v) => COG_PATTERNS[field].test(v));
  return {
    communes: codes('communes', 'commune'),
    epcis: codes('epcis', 'epci'),
    departements: codes('departements', 'departement'),
    regions: codes('regions', 'region'),
  };
}

/** A number attribute clamped to `[min, max]` (floored with `integer`; `fallback` when missing or not a number). */
export function parseNumber(
  el: Element,
  attr: string,
  value: number | string | null | undefined,
  min: number,
  max: number,
  fallback: number,
  integer = false,
): number {
  if (value == null || value === '') return fallback;
  const n = Number(value);
  const used = Number.isFinite(n) ? Math.min(max, Math.max(min, integer ? Math.floor(n) : n)) : fallback;
  if (used !== n) warnAttribute(el, attr, value, `${used} used (${min}–${max})`);
  return used;
}

/** A `lat,lon` point (WGS 84; the list separators between), or `undefined`, said when invalid. */
export function parseNear(el: Element, attr: string, value: string | null | undefined) {
  if (!value?.trim()) return undefined;
  const [lat, lon, ...rest] = parseList(el, attr, value).map(Number) as [number, number];
  if (!rest.length && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) return { lat, lon };
  warnAttribute(el, attr, value, 'ignored (not "lat,lon")');
  return undefined;
}

/**
 * React's server rendering writes a custom element's props as attributes named as the props are
 * (`pageSize={10}` → `pagesize="10"` once the HTML parser lowercases it), and React sets no property when
 * it hydrates that markup: on its first connection, the element takes each such spelling of a
 * multi-word property as its kebab-case attribute (`page-size`), unless that one is there too. A
 * property set by script before the first update still wins (Lit applies it afterwards).
 */
export function adoptLowercaseAttributes(el: ReactiveElement): void {
  const ctor = el.constructor as typeof ReactiveElement;
  for (const [prop, options] of ctor.elementProperties) {
    const attr = options.attribute;
    if (typeof prop !== 'string' || typeof attr !== 'string') continue;
    const spelled = prop.toLowerCase();
    if (spelled === attr || el.hasAttribute(attr)) continue;
    const value = el.getAttribute(spelled);
    if (value !== null) el.attributeChangedCallback(attr, null, value);
  }
}
