import { dictionaries } from './dictionary.ts';

/** Strings every Essaim element may show (the feed notices have their own: feed-notices.ts). */
export const common = dictionaries(
  {
    loading: 'Chargement des données…',
    retry: 'Réessayer',
    noFeed:
      'Aucun flux de données : indiquez l’adresse du flux dans l’attribut « feed », ou placez l’élément dans un <ess-feed>.',
    source: 'Source',
    opensInNewWindow: '(nouvelle fenêtre)',
  },
  {
    loading: 'Loading data…',
    retry: 'Try again',
    noFeed:
      'No data feed: give the feed URL in the “feed” attribute, or put the element inside an <ess-feed>.',
    source: 'Source',
    opensInNewWindow: '(new window)',
  },
);
