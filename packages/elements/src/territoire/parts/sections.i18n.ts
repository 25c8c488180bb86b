import type { TerritoryLevel } from '@essaim/sdk';
import { dictionaries } from '../../i18n/dictionary.ts';
import { plural } from '../../internal/localize.ts';
import { pct } from '../ess-territoire.i18n.ts';

const OF_FR: Record<TerritoryLevel, string> = {
  commune: 'de la commune',
  epci: 'de l’intercommunalité',
  departement: 'du département',
  region: 'de la région',
};
const OF_EN: Record<TerritoryLevel, string> = {
  commune: 'of the commune',
  epci: 'of the intercommunality',
  departement: 'of the département',
  region: 'of the region',
};

/** Strings of `<ess-territoire>`'s tables, coverage and actions (loaded with them). */
export const sectionMessages = dictionaries(
  {
    upcoming: 'Prochains évènements',
    byFamily: 'Structures par famille de l’ESS',
    byLegalForm: 'Structures par statut ou agrément',
    byTheme: 'Structures par thématique',
    byPublic: 'Structures par public',
    networks: 'Réseaux présents',
    noNetwork: 'Aucun réseau renseigné dans ce flux pour ce territoire.',
    value: 'Valeur',
    count: 'Nombre de structures',
    shareCol: 'Part',
    none: 'Non renseigné',
    multiNote: 'Une structure peut en avoir plusieurs : le total peut dépasser le nombre de structures.',
    parts: (l: 'commune' | 'epci'): string =>
      l === 'commune' ? 'Structures par commune' : 'Structures par intercommunalité',
    partName: (l: 'commune' | 'epci'): string => (l === 'commune' ? 'Commune' : 'Intercommunalité'),
    code: 'Code',
    partsCut: (shown: number, total: number) =>
      `Les ${shown} premières lignes sur ${total} ; le fichier CSV les donne toutes.`,
    partPopulation: 'Habitants',
    partPopulationIn: 'Habitants (sur le territoire)',
    unassigned: (n: number) =>
      plural('fr', n, {
        none: '',
        one: '# structure sans commune ou intercommunalité connue sur ce territoire.',
        other: '# structures sans commune ou intercommunalité connue sur ce territoire.',
      }),
    recordYears: 'Année d’entrée des fiches dans leur source',
    recordYearsNote:
      'Il s’agit de l’année où la fiche a été créée dans sa source, pas de l’année de création de la structure : le flux ne donne pas de date de création.',
    year: 'Année',
    unknownYear: 'Inconnue',
    coverage: 'Couverture et fraîcheur des données',
    bySource: 'Fiches par source',
    source: 'Source',
    updated: (n: number, share: number | null) =>
      share === null
        ? 'Aucune fiche.'
        : `${pct('fr', share)} des fiches mises à jour dans les 12 derniers mois (${n}).`,
    updatedRange: (oldest: string, newest: string) => `Mises à jour entre le ${oldest} et le ${newest}.`,
    withoutCoordinates: (n: number) =>
      plural('fr', n, {
        none: 'Toutes les fiches ont une position.',
        one: '# fiche sans position (absente des cartes).',
        other: '# fiches sans position (absentes des cartes).',
      }),
    feedWithoutCode: (n: number, l: TerritoryLevel) =>
      plural('fr', n, {
        none: '',
        one: `# fiche du flux n’a pas de code ${OF_FR[l]} : elle n’est comptée dans aucun territoire de ce niveau.`,
        other: `# fiches du flux n’ont pas de code ${OF_FR[l]} : elles ne sont comptées dans aucun territoire de ce niveau.`,
      }),
    credits: 'Sources et licences',
    generated: (date: string, feedDate: string | undefined) =>
      `Fiche établie le ${date}${feedDate ? ` à partir du flux mis à jour le ${feedDate}` : ''}.`,
    actions: 'Exporter et partager',
    csv: 'Télécharger les chiffres (CSV)',
    print: 'Imprimer la fiche',
    permalink: 'Lien permanent vers cette fiche',
    seeDirectory: (n: number) =>
      plural('fr', n, {
        none: 'Voir l’annuaire',
        one: 'Voir la structure dans l’annuaire',
        other: 'Voir les # structures dans l’annuaire',
      }),
    seeAgenda: 'Voir l’agenda du territoire',
    indicators: 'Chiffres officiels',
    indicatorsNote:
      'Ces chiffres sont publiés par leurs sources (observatoires, statistique publique) et repris tels quels : ils ne sont pas calculés à partir des structures de ce flux et peuvent porter sur un autre champ. Chacun est donné avec sa source, son année et sa licence.',
    indicator: 'Indicateur',
    indicatorValue: 'Valeur',
    licence: 'Licence',
    communesMap: 'Les communes sur la carte',
    mapLabel: (n: number, listAbove: boolean) =>
      `Carte : un cercle pour chacune des ${n} communes où le flux a des structures, d’autant plus grand qu’elles y sont nombreuses. Les chiffres sont dans le tableau ${listAbove ? '« Structures par commune » ci-dessus' : 'qui suit'}.`,
    mapLegend: (max: number, small: number | undefined) =>
      `L’aire de chaque cercle est proportionnelle au nombre de structures de la commune : le plus grand en compte ${max}${small === undefined ? '' : `, le petit cercle de la légende ${small}`}.`,
    mapLoading: 'Chargement de la carte…',
    mapFailed:
      'La carte ne peut pas s’afficher sur cet appareil (WebGL indisponible ou erreur) ; le tableau donne les mêmes chiffres.',
    mapListAbove: 'Le tableau « Structures par commune » ci-dessus donne le chiffre de chaque commune.',
    basemap:
      'Fond de carte : Natural Earth (domaine public) ; centres des communes : La Poste (Licence Ouverte 2.0).',
    communesList: 'Communes où le flux a des structures',
    communesCut: (shown: number, total: number) =>
      `Les ${shown} premières communes sur ${total} ; l’écran les montre toutes.`,
    withoutPosition: (n: number) =>
      plural('fr', n, {
        none: '',
        one: '# structure dans une commune dont le centre est inconnu : comptée dans le tableau, pas sur la carte.',
        other:
          '# structures dans des communes dont le centre est inconnu : comptées dans le tableau, pas sur la carte.',
      }),
    withoutCommune: (n: number) =>
      plural('fr', n, {
        none: '',
        one: '# structure sans code de commune : ni sur la carte ni dans le tableau des communes.',
        other: '# structures sans code de commune : ni sur la carte ni dans le tableau des communes.',
      }),
  },
  {
    upcoming: 'Next events',
    byFamily: 'Structures by ESS family',
    byLegalForm: 'Structures by legal form or approval',
    byTheme: 'Structures by theme',
    byPublic: 'Structures by public',
    networks: 'Networks present',
    noNetwork: 'No network given in this feed for this territory.',
    value: 'Value',
    count: 'Number of structures',
    shareCol: 'Share',
    none: 'Not given',
    multiNote: 'A structure may have several: the total can exceed the number of structures.',
    parts: (l: 'commune' | 'epci'): string =>
      l === 'commune' ? 'Structures by commune' : 'Structures by intercommunality',
    partName: (l: 'commune' | 'epci'): string => (l === 'commune' ? 'Commune' : 'Intercommunality'),
    code: 'Code',
    partsCut: (shown: number, total: number) =>
      `The first ${shown} rows of ${total}; the CSV file has them all.`,
    partPopulation: 'Inhabitants',
    partPopulationIn: 'Inhabitants (in the territory)',
    unassigned: (n: number) =>
      plural('en', n, {
        none: '',
        one: '# structure with no known commune or intercommunality in this territory.',
        other: '# structures with no known commune or intercommunality in this territory.',
      }),
    recordYears: 'Year the records entered their source',
    recordYearsNote:
      'This is the year the record was created in its source, not the year the organisation was founded: the feed gives no founding date.',
    year: 'Year',
    unknownYear: 'Unknown',
    coverage: 'Coverage and freshness of the data',
    bySource: 'Records by source',
    source: 'Source',
    updated: (n: number, share: number | null) =>
      share === null
        ? 'No record.'
        : `${pct('en', share)} of the records updated in the last 12 months (${n}).`,
    updatedRange: (oldest: string, newest: string) => `Updated between ${oldest} and ${newest}.`,
    withoutCoordinates: (n: number) =>
      plural('en', n, {
        none: 'Every record has a position.',
        one: '# record without a position (not on maps).',
        other: '# records without a position (not on maps).',
      }),
    feedWithoutCode: (n: number, l: TerritoryLevel) =>
      plural('en', n, {
        none: '',
        one: `# record of the feed has no code ${OF_EN[l]}: it is counted in no territory of this level.`,
        other: `# records of the feed have no code ${OF_EN[l]}: they are counted in no territory of this level.`,
      }),
    credits: 'Sources and licences',
    generated: (date: string, feedDate: string | undefined) =>
      `Profile made on ${date}${feedDate ? ` from the feed updated on ${feedDate}` : ''}.`,
    actions: 'Export and share',
    csv: 'Download the figures (CSV)',
    print: 'Print the profile',
    permalink: 'Permanent link to this profile',
    seeDirectory: (n: number) =>
      plural('en', n, {
        none: 'See the directory',
        one: 'See the structure in the directory',
        other: 'See the # structures in the directory',
      }),
    seeAgenda: 'See the territory’s agenda',
    indicators: 'Official figures',
    indicatorsNote:
      'These figures are published by their sources (observatories, official statistics) and given as they are: they are not computed from this feed’s structures and may cover a different scope. Each comes with its source, year and licence.',
    indicator: 'Indicator',
    indicatorValue: 'Value',
    licence: 'Licence',
    communesMap: 'The communes on the map',
    mapLabel: (n: number, listAbove: boolean) =>
      `Map: one circle for each of the ${n} communes where the feed has structures, larger where there are more. The figures are in the table ${listAbove ? '“Structures by commune” above' : 'that follows'}.`,
    mapLegend: (max: number, small: number | undefined) =>
      `The area of each circle is proportional to the number of structures in the commune: the largest has ${max}${small === undefined ? '' : `, the legend’s small circle ${small}`}.`,
    mapLoading: 'Loading the map…',
    mapFailed:
      'The map cannot be shown on this device (WebGL unavailable or an error); the table gives the same figures.',
    mapListAbove: 'The table “Structures by commune” above gives each commune’s figure.',
    basemap: 'Basemap: Natural Earth (public domain); commune centres: La Poste (Licence Ouverte 2.0).',
    communesList: 'Communes where the feed has structures',
    communesCut: (shown: number, total: number) =>
      `The first ${shown} communes of ${total}; the screen shows them all.`,
    withoutPosition: (n: number) =>
      plural('en', n, {
        none: '',
        one: '# structure in a commune whose centre is unknown: counted in the table, not on the map.',
        other: '# structures in communes whose centre is unknown: counted in the table, not on the map.',
      }),
    withoutCommune: (n: number) =>
      plural('en', n, {
        none: '',
        one: '# structure without a commune code: neither on the map nor in the communes table.',
        other: '# structures without a commune code: neither on the map nor in the communes table.',
      }),
  },
);
