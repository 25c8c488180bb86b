/** `<ess-territoire sync-url>`: the territory in the page URL (loaded only with the attribute). */
import {
  decodeTerritoryUrl,
  encodeTerritoryUrl,
  readUrlState,
  syncUrlState,
  type TerritoryRef,
  URL_NAMESPACES,
  writeUrlState,
} from '@essaim/sdk';

const NS = URL_NAMESPACES.territory;

/** The territory of the page URL, if any. */
export const readTerritory = (): TerritoryRef | undefined =>
  decodeTerritoryUrl(readUrlState(location.search, NS));

/** Keeps the territory in the page URL (`replaceState`, only when it changes). */
export const writeTerritory = (ref: TerritoryRef): void => syncUrlState(NS, encodeTerritoryUrl(ref));

/** The page URL with this territory: the permanent link. */
export const territoryLink = (ref: TerritoryRef | undefined): string =>
  writeUrlState(location.href, NS, encodeTerritoryUrl(ref));
