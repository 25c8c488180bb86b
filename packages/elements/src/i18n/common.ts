import { dictionaries } from './dictionary.ts';

const frDate = (d: Date) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(d);
const enDate = (d: Date) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(d);

/** Strings every Essaim element may show. */
export const common = dictionaries(
  {
    loading: 'Chargement des données…',
    errorTitle: 'Les données n’ont pas pu être chargées',
    retry: 'Réessayer',
    noFeed:
      'Aucun flux de données : indiquez l’adresse du flux dans l’attribut « feed », ou placez l’élément dans un <ess-feed>.',
    staleOffline: (d: Date) => `Hors ligne : données du ${frDate(d)}, peut-être plus à jour.`,
    staleOld: (d: Date) => `Données du ${frDate(d)} ; une mise à jour est en cours.`,
    source: 'Source',
    opensInNewWindow: '(nouvelle fenêtre)',
  },
  {
    loading: 'Loading data…',
    errorTitle: 'The data could not be loaded',
    retry: 'Try again',
    noFeed:
      'No data feed: give the feed URL in the “feed” attribute, or put the element inside an <ess-feed>.',
    staleOffline: (d: Date) => `Offline: data from ${enDate(d)}, possibly out of date.`,
    staleOld: (d: Date) => `Data from ${enDate(d)}; an update is under way.`,
    source: 'Source',
    opensInNewWindow: '(new window)',
  },
);
