import { dictionaries } from '../../i18n/dictionary.ts';

const frNumber = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const enNumber = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const frEvents = (n: number) =>
  n === 0 ? 'aucun évènement' : n === 1 ? '1 évènement' : `${frNumber(n)} évènements`;
const enEvents = (n: number) => (n === 0 ? 'no events' : n === 1 ? '1 event' : `${enNumber(n)} events`);

/** Strings of the .ics downloads and of the calendars to subscribe to of `<ess-agenda>` (loaded with their chunks). */
export const agendaCalendarFileMessages = dictionaries(
  {
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
