import { dictionaries } from '../../i18n/dictionary.ts';

const frNumber = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const enNumber = (n: number) => new Intl.NumberFormat('en-GB').format(n);

/** Strings of the results of `<ess-orientation>` (loaded with them): plain French first, English alike. */
export const resultsMessages = dictionaries(
  {
    count: (n: number) =>
      n === 0
        ? 'Aucun résultat'
        : n === 1
          ? '1 résultat'
          : `${frNumber(n)} résultats, les plus pertinents d’abord`,
    yourAnswers: 'Vos réponses',
    change: 'Modifier',
    changeAnswer: (q: string) => `Modifier la réponse à « ${q} »`,
    skipped: 'Sans réponse',
    why: 'Pourquoi ce résultat ?',
    distance: 'Distance',
    call: 'Appeler',
    email: 'Écrire',
    website: 'Site web',
    directions: 'Itinéraire',
    // Read after the visible words, so that every link of the list has its own name (« Site web de X »).
    callOf: (name: string) => ` ${name}`,
    emailOf: (name: string) => ` à ${name}`,
    websiteOf: (name: string) => (/^[aâàeéèêiîoôuûy]/i.test(name) ? ` d’${name}` : ` de ${name}`),
    directionsOf: (name: string) => ` jusqu’à ${name}`,
    newWindow: '(nouvelle fenêtre)',
    show_directory: 'Voir dans l’annuaire',
    show_map: 'Voir sur la carte',
    show_both: 'Voir dans l’annuaire et sur la carte',
    shown_directory: 'Sélectionnée dans l’annuaire.',
    shown_map: 'Sélectionnée sur la carte.',
    shown_both: 'Sélectionnée dans l’annuaire et sur la carte.',
    structureOf: (name: string) => `Proposé par ${name}`,
    more: (n: number) => `Afficher ${frNumber(n)} résultats de plus`,
    print: 'Imprimer',
    alternatives: 'Chercher autrement',
    emptyTitle: 'Aucun résultat',
    reach_zone: 'Intervient sur votre territoire',
    reach_national: 'Intervient partout en France',
    reach_far: 'Loin de chez vous',
  },
  {
    count: (n: number) =>
      n === 0 ? 'No results' : n === 1 ? '1 result' : `${enNumber(n)} results, most relevant first`,
    yourAnswers: 'Your answers',
    change: 'Change',
    changeAnswer: (q: string) => `Change the answer to “${q}”`,
    skipped: 'No answer',
    why: 'Why this result?',
    distance: 'Distance',
    call: 'Call',
    email: 'Email',
    website: 'Website',
    directions: 'Directions',
    callOf: (name: string) => ` ${name}`,
    emailOf: (name: string) => ` ${name}`,
    websiteOf: (name: string) => ` of ${name}`,
    directionsOf: (name: string) => ` to ${name}`,
    newWindow: '(new window)',
    show_directory: 'Show in the directory',
    show_map: 'Show on the map',
    show_both: 'Show in the directory and on the map',
    shown_directory: 'Selected in the directory.',
    shown_map: 'Selected on the map.',
    shown_both: 'Selected in the directory and on the map.',
    structureOf: (name: string) => `Offered by ${name}`,
    more: (n: number) => `Show ${enNumber(n)} more results`,
    print: 'Print',
    alternatives: 'Look elsewhere',
    emptyTitle: 'No results',
    reach_zone: 'Works in your area',
    reach_national: 'Works everywhere in France',
    reach_far: 'Far from you',
  },
);
