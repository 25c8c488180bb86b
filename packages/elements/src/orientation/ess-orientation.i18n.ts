import { dictionaries } from '../i18n/dictionary.ts';

const frNumber = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const enNumber = (n: number) => new Intl.NumberFormat('en-GB').format(n);

/** Strings of `<ess-orientation>`: plain French first, English alike. The questions come from the parcours. */
export const orientationMessages = dictionaries(
  {
    title: 'Trouver les bons interlocuteurs de l’ESS',
    noParcours: 'Ce flux ne contient aucun parcours d’orientation.',
    unknownParcours: (id: string) => `Le parcours « ${id} » n’existe pas dans ce flux.`,
    progress: (n: number, total: number) => `Étape ${frNumber(n)} sur ${frNumber(total)}`,
    continue: 'Continuer',
    back: 'Retour',
    restart: 'Recommencer',
    skip: 'Passer cette étape',
    errorTitle: 'Il y a un problème',
    error: 'Erreur :',
    chooseOne: 'Choisissez une réponse.',
    chooseSome: 'Choisissez une ou plusieurs réponses.',
    optional: '(facultatif)',
    placeMissing: 'Choisissez une commune dans la liste, ou utilisez « Me localiser ».',
    privacy: 'Vos réponses restent sur cette page : elles ne sont envoyées nulle part.',
    results: 'Vos résultats',
    resultsLoading: 'Recherche des résultats…',
    loading: 'Chargement…',
    loadError: 'Cette partie n’a pas pu être chargée. Vérifiez votre connexion.',
    retry: 'Réessayer',
  },
  {
    title: 'Find the right people in the social and solidarity economy',
    noParcours: 'This feed has no orientation journey.',
    unknownParcours: (id: string) => `There is no journey “${id}” in this feed.`,
    progress: (n: number, total: number) => `Step ${enNumber(n)} of ${enNumber(total)}`,
    continue: 'Continue',
    back: 'Back',
    restart: 'Start again',
    skip: 'Skip this step',
    errorTitle: 'There is a problem',
    error: 'Error:',
    chooseOne: 'Choose an answer.',
    chooseSome: 'Choose one or more answers.',
    optional: '(optional)',
    placeMissing: 'Choose a town from the list, or use “Locate me”.',
    privacy: 'Your answers stay on this page: they are sent nowhere.',
    results: 'Your results',
    resultsLoading: 'Finding results…',
    loading: 'Loading…',
    loadError: 'This part could not be loaded. Check your connection.',
    retry: 'Try again',
  },
);

export type OrientationMessages = typeof orientationMessages.fr;
