import { dictionaries } from '../i18n/dictionary.ts';

const frNumber = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const enNumber = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const frEvents = (n: number) =>
  n === 0 ? 'aucun évènement' : n === 1 ? '1 évènement' : `${frNumber(n)} évènements`;
const enEvents = (n: number) => (n === 0 ? 'no events' : n === 1 ? '1 event' : `${enNumber(n)} events`);

/** Strings of the parts of `<ess-agenda>` shown a moment after its first list: filters, dates, near me, calendars to subscribe to (loaded with their chunk). */
export const agendaAsideMessages = dictionaries(
  {
    facet_categories: 'Catégorie',
    facet_themes: 'Thématique',
    facet_departement: 'Département',
    facet_attendance: 'Participation',
    facet_price: 'Tarif',
    showMoreValues: (n: number) => `Afficher ${n} de plus`,
    showFewerValues: 'Afficher moins',
    dates: 'Dates',
    from: 'Du',
    to: 'Au',
    datesHint: 'Laissez vide pour voir tous les évènements à venir.',
    nearLegend: 'Près de moi',
    radius: 'Distance',
    radiusKm: (n: number) => `${n} km`,
    locate: 'Utiliser ma position',
    locating: 'Recherche de votre position…',
    geoDenied: 'Vous n’avez pas autorisé l’accès à votre position.',
    geoUnavailable: 'Votre position n’a pas pu être trouvée.',
    geoUnsupported: 'Votre navigateur ne donne pas votre position.',
    nearActive: (km: number) => `Seuls les évènements à moins de ${km} km sont affichés.`,
    clearNear: 'Retirer ce filtre',
    subscribe: 'S’abonner à l’agenda',
    subscribeHelp:
      'Copiez l’adresse d’un lien dans votre application d’agenda (« Ajouter un agenda à partir d’une URL », « S’abonner à un calendrier ») : les nouveaux évènements y apparaîtront d’eux-mêmes.',
    eventsCount: frEvents,
    downloadSelection: 'Télécharger la sélection (.ics)',
    downloadHelp: (n: number) => `Les ${frNumber(n)} dates affichées, à importer dans votre agenda.`,
    downloading: 'Préparation du fichier…',
    downloaded: 'Fichier téléchargé.',
  },
  {
    facet_categories: 'Category',
    facet_themes: 'Theme',
    facet_departement: 'Département',
    facet_attendance: 'Attendance',
    facet_price: 'Price',
    showMoreValues: (n: number) => `Show ${n} more`,
    showFewerValues: 'Show fewer',
    dates: 'Dates',
    from: 'From',
    to: 'To',
    datesHint: 'Leave empty to see every upcoming event.',
    nearLegend: 'Near me',
    radius: 'Distance',
    radiusKm: (n: number) => `${n} km`,
    locate: 'Use my location',
    locating: 'Finding your location…',
    geoDenied: 'You did not allow access to your location.',
    geoUnavailable: 'Your location could not be found.',
    geoUnsupported: 'Your browser does not give your location.',
    nearActive: (km: number) => `Only events within ${km} km are shown.`,
    clearNear: 'Remove this filter',
    subscribe: 'Subscribe to the events',
    subscribeHelp:
      'Copy a link’s address into your calendar app (“Add calendar from URL”, “Subscribe to calendar”): new events will appear there by themselves.',
    eventsCount: enEvents,
    downloadSelection: 'Download the selection (.ics)',
    downloadHelp: (n: number) => `The ${enNumber(n)} dates shown, to import into your calendar.`,
    downloading: 'Preparing the file…',
    downloaded: 'File downloaded.',
  },
);
