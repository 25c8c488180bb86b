/**
 * The territory scope of `<ess-agenda>` read from its attributes — `communes`, `epcis`, `departements`,
 * `regions` (official COG codes), `near` with `radius`, `include-online` — and applied to the connector
 * when it changes (programmatic: no event).
 */
import type { AgendaListConnector, AgendaQuery, AgendaTerritory } from '@essaim/sdk';
import { parseNear, parseNumber, parseTerritory } from '../../internal/attributes.ts';

/** The element's scope attributes. */
export interface ScopeElement extends Element {
  communes?: string;
  epcis?: string;
  departements?: string;
  regions?: string;
  near?: string;
  radius?: number;
  includeOnline: boolean;
}

/** The distance of "near" and of "Près de moi" (the `radius` attribute, read), in kilometres. */
export const radiusKm = (el: ScopeElement): number => parseNumber(el, 'radius', el.radius, 0.1, 1000, 10);

/**
 * Refines the connector with the scope when it differs from the one of `previousKey` (undefined: none
 * applied yet on this connector); returns the scope's key.
 */
export function applyScope(el: ScopeElement, c: AgendaListConnector, previousKey?: string): string {
  const territory: AgendaTerritory = parseTerritory(el);
  const point = parseNear(el, 'near', el.near);
  const near = point ? { ...point, radiusKm: radiusKm(el) } : undefined;
  const key = JSON.stringify([territory, el.includeOnline, near]);
  if (key === previousKey) return key;
  const has = Object.values(territory).some((v) => v.length);
  const partial: Partial<AgendaQuery> = {
    territory: has ? territory : undefined,
    includeOnline: el.includeOnline,
  };
  // The attribute sets "near"; the visitor's own position is kept until the attribute changes.
  if (near || previousKey !== undefined) partial.near = near;
  c.refine(partial);
  return key;
}
