import type { TerritoryLevel } from '@essaim/sdk';
import { dictionaries } from '../i18n/dictionary.ts';
import { numberFormat, plural } from '../internal/localize.ts';

/** A share as a percentage (one decimal under 10 %). */
export const pct = (lang: 'fr' | 'en', share: number): string =>
  numberFormat(lang, { style: 'percent', maximumFractionDigits: share < 0.1 ? 1 : 0 }).format(share);

const LEVEL_FR: Record<TerritoryLevel, string> = {
  commune: 'Commune',
  epci: 'Intercommunalité (EPCI)',
  departement: 'Département',
  region: 'Région',
};
const LEVEL_EN: Record<TerritoryLevel, string> = {
  commune: 'Commune',
  epci: 'Intercommunality (EPCI)',
  departement: 'Département',
  region: 'Region',
};

/** Strings of `<ess-territoire>`: French first, English with the same keys. */
/** Strings of `<ess-territoire>`'s first figures: French first, English with the same keys. */
export const territoireMessages = dictionaries(
  {
    level: (l: TerritoryLevel) => LEVEL_FR[l],
    unnamed: (l: TerritoryLevel, code: string) => `${LEVEL_FR[l]} ${code}`,
    subtitle: 'L’économie sociale et solidaire du territoire, d’après les structures de ce flux de données',
    noTerritory:
      'Aucun territoire : indiquez un code officiel dans l’attribut « communes », « epcis », « departements » ou « regions ».',
    unknownTerritory: (l: TerritoryLevel, code: string) =>
      `Le code ${code} ne correspond à aucun(e) ${LEVEL_FR[l].toLowerCase()} connu(e) du code officiel géographique 2026.`,
    empty:
      'Ce flux ne contient aucune structure sur ce territoire. Cela ne veut pas dire qu’il n’y en a pas.',
    keyFigures: 'Chiffres clés',
    structures: (n: number) =>
      plural('fr', n, { none: 'Aucune structure', one: '# structure', other: '# structures' }),
    structuresLabel: 'Structures dans ce flux',
    per10k: 'Pour 10 000 habitants',
    population: 'Habitants',
    populationNote: (year: number) => `population municipale ${year} (Insee)`,
    populationMissing: (n: number) =>
      plural('fr', n, {
        one: '# commune sans population connue n’est pas comptée.',
        other: '# communes sans population connue ne sont pas comptées.',
      }),
    placesLoading: 'Noms et populations en cours de chargement…',
    placesFailed: 'Les noms et les populations des communes n’ont pas pu être chargés.',
    share: (share: number, popShare: number | null, parent: string) =>
      `${pct('fr', share)} des structures de ${parent}${popShare === null ? '' : ` (pour ${pct('fr', popShare)} de ses habitants)`}`,
    shareLabel: 'Part du territoire parent',
    eventsPast: 'Évènements des 12 derniers mois',
    eventsNext: 'Évènements des 12 prochains mois',
    unexpanded: (n: number) =>
      plural('fr', n, {
        one: '# évènement répété n’a pas pu être compté.',
        other: '# évènements répétés n’ont pas pu être comptés.',
      }),
    caveat: (total: number, sources: string) =>
      `Ces chiffres comptent les ${plural('fr', total, { none: '0', one: '#', other: '#' })} fiches de ce flux (${sources}), pas toute l’ESS du territoire.`,
  },
  {
    level: (l: TerritoryLevel) => LEVEL_EN[l],
    unnamed: (l: TerritoryLevel, code: string) => `${LEVEL_EN[l]} ${code}`,
    subtitle: 'The social and solidarity economy of the territory, from the structures in this data feed',
    noTerritory:
      'No territory: give an official code in the “communes”, “epcis”, “departements” or “regions” attribute.',
    unknownTerritory: (l: TerritoryLevel, code: string) =>
      `The code ${code} is no ${LEVEL_EN[l].toLowerCase()} known to the 2026 official geographic code.`,
    empty: 'This feed has no structure in this territory. That does not mean there are none.',
    keyFigures: 'Key figures',
    structures: (n: number) =>
      plural('en', n, { none: 'No structure', one: '# structure', other: '# structures' }),
    structuresLabel: 'Structures in this feed',
    per10k: 'Per 10,000 inhabitants',
    population: 'Inhabitants',
    populationNote: (year: number) => `${year} municipal population (INSEE)`,
    populationMissing: (n: number) =>
      plural('en', n, {
        one: '# commune without a known population is not counted.',
        other: '# communes without a known population are not counted.',
      }),
    placesLoading: 'Loading names and populations…',
    placesFailed: 'The names and populations of the communes could not be loaded.',
    share: (share: number, popShare: number | null, parent: string) =>
      `${pct('en', share)} of the structures of ${parent}${popShare === null ? '' : ` (for ${pct('en', popShare)} of its inhabitants)`}`,
    shareLabel: 'Share of the parent territory',
    eventsPast: 'Events in the last 12 months',
    eventsNext: 'Events in the next 12 months',
    unexpanded: (n: number) =>
      plural('en', n, {
        one: '# repeating event could not be counted.',
        other: '# repeating events could not be counted.',
      }),
    caveat: (total: number, sources: string) =>
      `These figures count the ${plural('en', total, { none: '0', one: '#', other: '#' })} records of this feed (${sources}), not all of the territory’s ESS.`,
  },
);
