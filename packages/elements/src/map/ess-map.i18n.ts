import { dictionaries } from '../i18n/dictionary.ts';
import type { Lang } from '../internal/localize.ts';

const frN = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const enN = (n: number) => new Intl.NumberFormat('en-GB').format(n);
/** The end of a list's count: which ones are shown, when not all of them. */
const frRange = (n: number, from: number, to: number) =>
  from === 1 && to >= n ? '.' : ` ; ${frN(from)} à ${frN(to)} :`;
const enRange = (n: number, from: number, to: number) =>
  from === 1 && to >= n ? '.' : `; ${enN(from)} to ${enN(to)}:`;

/** Strings of `<ess-map>`. */
export const mapMessages = dictionaries(
  {
    region: 'Carte des structures',
    canvas: 'Carte interactive : flèches pour se déplacer, + et − pour zoomer',
    help: 'Au clavier : les flèches déplacent la carte, + et − zooment, Échap ferme la bulle. La liste des structures de la zone affichée, juste après, donne accès à chacune.',
    searchArea: 'Rechercher dans cette zone',
    clearArea: 'Effacer la zone de recherche',
    showList: (n: number) => `Voir la liste (${frN(n)})`,
    hideList: 'Masquer la liste',
    listTitle: 'Structures de la zone affichée',
    inView: (n: number, from: number, to: number) =>
      n === 0
        ? 'Aucune structure dans la zone affichée.'
        : n === 1
          ? '1 structure dans la zone affichée.'
          : `${frN(n)} structures dans la zone affichée, les plus proches du centre d’abord${frRange(n, from, to)}`,
    listTitleAll: 'Liste des structures',
    all: (n: number, from: number, to: number) =>
      n === 0
        ? 'Aucune structure.'
        : n === 1
          ? '1 structure.'
          : `${frN(n)} structures, les plus proches du centre d’abord${frRange(n, from, to)}`,
    unavailable: (why: 'webgl' | 'error', what: 'structures' | 'events' | 'both') =>
      `La carte ne peut pas s’afficher sur cet appareil (${why === 'webgl' ? 'WebGL indisponible' : 'erreur de la bibliothèque cartographique'}) : voici la liste des ${what === 'both' ? 'structures et des évènements' : what === 'events' ? 'évènements' : 'structures'}.`,
    pages: 'Pages de la liste',
    previous: 'Page précédente',
    next: 'Page suivante',
    clusterLabel: (n: number) => `${frN(n)} structures`,
    basemapFallback:
      'Le fond de carte demandé n’a pas pu être chargé : le fond de carte intégré (limites des départements) est affiché.',
    basemapAttribution: 'Fond de carte : Natural Earth (domaine public)',
    selected: 'sélectionnée',
    noPlace: 'Sans adresse précise',
    approximate: 'Position approximative (centre de la commune)',
    approximateLegend: 'Symbole vide : position approximative (centre de la commune)',
    unplaced: (n: number) =>
      n === 1
        ? '1 structure sans localisation ne figure pas sur la carte.'
        : `${frN(n)} structures sans localisation ne figurent pas sur la carte.`,
    regionEvents: 'Carte des évènements',
    helpEvents:
      'Au clavier : les flèches déplacent la carte, + et − zooment, Échap ferme la bulle. La liste des évènements de la zone affichée, juste après, ouvre chacun dans l’agenda.',
    listTitleEvents: 'Évènements de la zone affichée',
    inViewEvents: (n: number, from: number, to: number) =>
      n === 0
        ? 'Aucun évènement dans la zone affichée.'
        : n === 1
          ? '1 évènement dans la zone affichée.'
          : `${frN(n)} évènements dans la zone affichée${frRange(n, from, to)}`,
    listTitleAllEvents: 'Liste des évènements',
    allEvents: (n: number, from: number, to: number) =>
      n === 0 ? 'Aucun évènement.' : n === 1 ? '1 évènement.' : `${frN(n)} évènements${frRange(n, from, to)}`,
    regionBoth: 'Carte des structures et des évènements',
    helpBoth:
      'Au clavier : les flèches déplacent la carte, + et − zooment, Échap ferme la bulle. La liste des structures et des évènements de la zone affichée, juste après, donne accès à chacun.',
    listTitleBoth: 'Structures et évènements de la zone affichée',
    inViewBoth: (n: number, from: number, to: number) =>
      n === 0
        ? 'Aucune structure ni aucun évènement dans la zone affichée.'
        : n === 1
          ? '1 point dans la zone affichée.'
          : `${frN(n)} structures et évènements dans la zone affichée, les plus proches du centre d’abord${frRange(n, from, to)}`,
    listTitleAllBoth: 'Liste des structures et des évènements',
    allBoth: (n: number, from: number, to: number) =>
      n === 0
        ? 'Aucune structure ni aucun évènement.'
        : n === 1
          ? '1 point.'
          : `${frN(n)} structures et évènements, les plus proches du centre d’abord${frRange(n, from, to)}`,
    kindStructure: 'Structure : ',
    kindEvent: 'Évènement : ',
    legendTitle: 'Légende de la carte',
    layerStructures: 'Structures (disques)',
    layerEvents: 'Évènements (losanges)',
    layerShown: (name: string) => `Couche affichée : ${name}.`,
    layerHidden: (name: string) => `Couche masquée : ${name}.`,
    nextEvents: (n: number) => (n === 1 ? 'Prochain évènement :' : `${frN(n)} prochains évènements :`),
    openInAgenda: ', ouvrir dans l’agenda',
    downloadIcs: ', télécharger pour mon agenda (fichier .ics)',
    downloaded: 'Fichier .ics téléchargé.',
    linkedStructures: (n: number) => (n === 1 ? 'Structure liée :' : `${frN(n)} structures liées :`),
    viaOrganizer: 'organisatrice',
    viaPlace: 'au même lieu',
    noAgenda:
      'Cette carte montre les évènements d’un agenda de la page (élément ess-agenda dans le même ess-feed), mais il n’y en a pas.',
  },
  {
    region: 'Map of the structures',
    canvas: 'Interactive map: arrow keys to pan, + and − to zoom',
    help: 'Keyboard: arrow keys pan the map, + and − zoom, Escape closes the popup. The list of the structures in view, right after, gives access to each of them.',
    searchArea: 'Search this area',
    clearArea: 'Clear the search area',
    showList: (n: number) => `Show the list (${enN(n)})`,
    hideList: 'Hide the list',
    listTitle: 'Structures in view',
    inView: (n: number, from: number, to: number) =>
      n === 0
        ? 'No structure in view.'
        : n === 1
          ? '1 structure in view.'
          : `${enN(n)} structures in view, nearest the centre first${enRange(n, from, to)}`,
    listTitleAll: 'List of the structures',
    all: (n: number, from: number, to: number) =>
      n === 0
        ? 'No structure.'
        : n === 1
          ? '1 structure.'
          : `${enN(n)} structures, nearest the centre first${enRange(n, from, to)}`,
    unavailable: (why: 'webgl' | 'error', what: 'structures' | 'events' | 'both') =>
      `The map cannot be shown on this device (${why === 'webgl' ? 'WebGL unavailable' : 'the mapping library failed'}): here is the list of the ${what === 'both' ? 'structures and events' : what}.`,
    pages: 'Pages of the list',
    previous: 'Previous page',
    next: 'Next page',
    clusterLabel: (n: number) => `${enN(n)} structures`,
    basemapFallback:
      'The requested basemap could not be loaded: the built-in basemap (département outlines) is shown.',
    basemapAttribution: 'Basemap: Natural Earth (public domain)',
    selected: 'selected',
    noPlace: 'No precise address',
    approximate: 'Approximate position (commune centre)',
    approximateLegend: 'Hollow symbol: approximate position (commune centre)',
    unplaced: (n: number) =>
      n === 1
        ? '1 structure without a location is not on the map.'
        : `${enN(n)} structures without a location are not on the map.`,
    regionEvents: 'Map of the events',
    helpEvents:
      'Keyboard: arrow keys pan the map, + and − zoom, Escape closes the popup. The list of the events in view, right after, opens each of them in the agenda.',
    listTitleEvents: 'Events in view',
    inViewEvents: (n: number, from: number, to: number) =>
      n === 0
        ? 'No event in view.'
        : n === 1
          ? '1 event in view.'
          : `${enN(n)} events in view${enRange(n, from, to)}`,
    listTitleAllEvents: 'List of the events',
    allEvents: (n: number, from: number, to: number) =>
      n === 0 ? 'No event.' : n === 1 ? '1 event.' : `${enN(n)} events${enRange(n, from, to)}`,
    regionBoth: 'Map of the structures and events',
    helpBoth:
      'Keyboard: arrow keys pan the map, + and − zoom, Escape closes the popup. The list of the structures and events in view, right after, gives access to each of them.',
    listTitleBoth: 'Structures and events in view',
    inViewBoth: (n: number, from: number, to: number) =>
      n === 0
        ? 'No structure or event in view.'
        : n === 1
          ? '1 point in view.'
          : `${enN(n)} structures and events in view, nearest the centre first${enRange(n, from, to)}`,
    listTitleAllBoth: 'List of the structures and events',
    allBoth: (n: number, from: number, to: number) =>
      n === 0
        ? 'No structure or event.'
        : n === 1
          ? '1 point.'
          : `${enN(n)} structures and events, nearest the centre first${enRange(n, from, to)}`,
    kindStructure: 'Structure: ',
    kindEvent: 'Event: ',
    legendTitle: 'Map legend',
    layerStructures: 'Structures (discs)',
    layerEvents: 'Events (diamonds)',
    layerShown: (name: string) => `Layer shown: ${name}.`,
    layerHidden: (name: string) => `Layer hidden: ${name}.`,
    nextEvents: (n: number) => (n === 1 ? 'Next event:' : `Next ${enN(n)} events:`),
    openInAgenda: ', open in the agenda',
    downloadIcs: ', download for my calendar (.ics file)',
    downloaded: '.ics file downloaded.',
    linkedStructures: (n: number) => (n === 1 ? 'Linked structure:' : `${enN(n)} linked structures:`),
    viaOrganizer: 'organiser',
    viaPlace: 'at the same place',
    noAgenda:
      'This map shows the events of an agenda on the page (an ess-agenda element in the same ess-feed), but there is none.',
  },
);

/** MapLibre's own UI strings (its `locale` option), so its controls speak the page's language. */
const maplibreLocales: Record<Lang, Record<string, string>> = {
  fr: {
    'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources',
    'AttributionControl.MapFeedback': 'Signaler une erreur de la carte',
    'FullscreenControl.Enter': 'Afficher en plein écran',
    'FullscreenControl.Exit': 'Quitter le plein écran',
    'GeolocateControl.FindMyLocation': 'Me localiser',
    'GeolocateControl.LocationNotAvailable': 'Position non disponible',
    'LogoControl.Title': 'Logo MapLibre',
    'Map.Title': mapMessages.fr.canvas,
    'Marker.Title': 'Repère',
    'NavigationControl.ResetBearing': 'Faire glisser pour tourner la carte, cliquer pour revenir au nord',
    'NavigationControl.ZoomIn': 'Zoomer',
    'NavigationControl.ZoomOut': 'Dézoomer',
    'Popup.Close': 'Fermer la bulle',
    'ScaleControl.Feet': 'ft',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'ScaleControl.Miles': 'mi',
    'ScaleControl.NauticalMiles': 'nm',
    'CooperativeGesturesHandler.WindowsHelpText': 'Ctrl + molette pour zoomer la carte',
    'CooperativeGesturesHandler.MacHelpText': '⌘ + molette pour zoomer la carte',
    'CooperativeGesturesHandler.MobileHelpText': 'Deux doigts pour déplacer la carte',
  },
  en: {
    'AttributionControl.ToggleAttribution': 'Show or hide the sources',
    'FullscreenControl.Enter': 'Enter fullscreen',
    'FullscreenControl.Exit': 'Exit fullscreen',
    'GeolocateControl.FindMyLocation': 'Find my location',
    'GeolocateControl.LocationNotAvailable': 'Location not available',
    'Map.Title': mapMessages.en.canvas,
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'Popup.Close': 'Close popup',
    'CooperativeGesturesHandler.WindowsHelpText': 'Ctrl + scroll to zoom the map',
    'CooperativeGesturesHandler.MacHelpText': '⌘ + scroll to zoom the map',
    'CooperativeGesturesHandler.MobileHelpText': 'Use two fingers to move the map',
  },
};

export function maplibreLocale(lang: Lang): Record<string, string> {
  return maplibreLocales[lang];
}
