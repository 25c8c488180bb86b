/**
 * The territory profile's part of the page URL (see `core/url-state.ts`): the territory shown, as one
 * `ess-territoire-<level>=<code>` parameter (`?ess-territoire-epci=200054781`), for a permanent link.
 *
 * @module
 */
import { COG_PATTERNS } from '../core/cog.ts';
import { readUrlState, URL_NAMESPACES, type UrlEntries } from '../core/url-state.ts';
import { TERRITORY_LEVELS, type TerritoryRef } from './profile.ts';

const PREFIX = URL_NAMESPACES.territory.prefix;

/** The territory in `params` (the first valid `ess-territoire-<level>`), or `undefined`. */
export function decodeTerritoryUrl(params: URLSearchParams): TerritoryRef | undefined {
  const p = readUrlState(params.toString(), URL_NAMESPACES.territory);
  for (const level of TERRITORY_LEVELS) {
    const code = p.get(`${PREFIX}${level}`)?.trim().toUpperCase();
    if (code && COG_PATTERNS[level].test(code)) return { level, code };
  }
  return undefined;
}

/** The parameter of a territory (none without one). */
export function encodeTerritoryUrl(territory: TerritoryRef | undefined): UrlEntries {
  return territory ? [[`${PREFIX}${territory.level}`, territory.code]] : [];
}
