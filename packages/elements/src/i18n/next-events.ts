import { dictionaries } from './dictionary.ts';

/** Strings of a structure's next events (directory detail, orientation result, map popup). */
export const nextEventsMessages = dictionaries(
  {
    title: 'Prochains évènements',
    none: (past: number) =>
      past === 1
        ? 'Aucun évènement à venir (1 évènement passé).'
        : `Aucun évènement à venir (${past} évènements passés).`,
    viaOrganizer: 'organisé par cette structure',
    viaPlace: 'à cette adresse',
    openInAgenda: 'Voir dans l’agenda',
    addToCalendar: 'Ajouter à mon agenda (.ics)',
    /** Read after the visible words, so that each button has its own name. */
    ofEvent: (title: string) => ` : ${title}`,
    notInAgenda: (title: string) =>
      `« ${title} » n’est pas dans la sélection de l’agenda (filtres ou dates) : voici son fichier .ics.`,
    icsFailed: 'Le fichier .ics n’a pas pu être préparé (connexion interrompue ?).',
  },
  {
    title: 'Upcoming events',
    none: (past: number) =>
      past === 1 ? 'No upcoming events (1 past event).' : `No upcoming events (${past} past events).`,
    viaOrganizer: 'organised by this organisation',
    viaPlace: 'at this address',
    openInAgenda: 'Show in the calendar',
    addToCalendar: 'Add to my calendar (.ics)',
    ofEvent: (title: string) => `: ${title}`,
    notInAgenda: (title: string) =>
      `“${title}” is not in the calendar’s selection (filters or dates): here is its .ics file.`,
    icsFailed: 'The .ics file could not be prepared (connection lost?).',
  },
);
