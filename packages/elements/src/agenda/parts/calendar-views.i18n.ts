import { dictionaries } from '../../i18n/dictionary.ts';

const frNumber = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const enNumber = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const frEvents = (n: number) =>
  n === 0 ? 'aucun évènement' : n === 1 ? '1 évènement' : `${frNumber(n)} évènements`;
const enEvents = (n: number) => (n === 0 ? 'no events' : n === 1 ? '1 event' : `${enNumber(n)} events`);

/** Strings of the month and week views of `<ess-agenda>` (loaded with their chunk). */
export const agendaViewMessages = dictionaries(
  {
    previousMonth: 'Mois précédent',
    nextMonth: 'Mois suivant',
    previousWeek: 'Semaine précédente',
    nextWeek: 'Semaine suivante',
    weekOf: (d: string) => `Semaine du ${d}`,
    gridHelp:
      'Flèches : changer de jour. Page précédente / suivante : changer de mois. Entrée : voir les évènements du jour.',
    dayCell: (date: string) => `${date} : `,
    today: 'aujourd’hui',
    dayEvents: (date: string) => `Évènements du ${date}`,
    dayAnnounce: (date: string, n: number) => `${date} : ${frEvents(n)}, listés sous le calendrier.`,
    noEventThatDay: 'Aucun évènement ce jour-là.',
    weekHelp:
      'Flèches gauche et droite : changer de jour. Page précédente / suivante : changer de semaine. Entrée : aller aux évènements du jour.',
    eventsCount: frEvents,
    ongoingCount: (n: number) => `En cours ce jour-là : ${frEvents(n)}`,
    until: (d: string) => `jusqu’au ${d}`,
  },
  {
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    previousWeek: 'Previous week',
    nextWeek: 'Next week',
    weekOf: (d: string) => `Week of ${d}`,
    gridHelp: 'Arrow keys: change day. Page Up / Page Down: change month. Enter: see the day’s events.',
    dayCell: (date: string) => `${date}: `,
    today: 'today',
    dayEvents: (date: string) => `Events on ${date}`,
    dayAnnounce: (date: string, n: number) => `${date}: ${enEvents(n)}, listed below the calendar.`,
    noEventThatDay: 'No events that day.',
    weekHelp:
      'Left and right arrows: change day. Page Up / Page Down: change week. Enter: go to the day’s events.',
    eventsCount: enEvents,
    ongoingCount: (n: number) => `Ongoing that day: ${enEvents(n)}`,
    until: (d: string) => `until ${d}`,
  },
);
