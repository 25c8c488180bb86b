/**
 * The strings of the feed notices (a failed part, an old copy, rejected records), in their own
 * dictionary: loaded with the notices (internal/feed-notices.ts), only when there is one to show.
 */
import type { FeedFailureKind } from '@essaim/sdk';
import { dictionaries } from './dictionary.ts';

const frDate = (d: Date) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(d);
const enDate = (d: Date) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(d);

/** What failed, for the notice: one part, or the feed as a whole (several parts, or the manifest). */
export type FailedPart =
  | 'structures'
  | 'services'
  | 'events'
  | 'parcours'
  | 'indicators'
  | 'taxonomy'
  | 'feed';

const FR_FAILED: Record<FailedPart, string> = {
  structures: 'Les structures n’ont pas pu être chargées',
  services: 'Les services n’ont pas pu être chargés',
  events: 'Les évènements n’ont pas pu être chargés',
  parcours: 'Les parcours n’ont pas pu être chargés',
  indicators: 'Les chiffres officiels n’ont pas pu être chargés',
  taxonomy: 'Les catégories n’ont pas pu être chargées',
  feed: 'Les données n’ont pas pu être chargées',
};
const FR_NOT_UPDATED: Record<FailedPart, string> = {
  structures: 'Les structures n’ont pas pu être mises à jour',
  services: 'Les services n’ont pas pu être mis à jour',
  events: 'Les évènements n’ont pas pu être mis à jour',
  parcours: 'Les parcours n’ont pas pu être mis à jour',
  indicators: 'Les chiffres officiels n’ont pas pu être mis à jour',
  taxonomy: 'Les catégories n’ont pas pu être mises à jour',
  feed: 'Les données n’ont pas pu être mises à jour',
};
const EN_FAILED: Record<FailedPart, string> = {
  structures: 'The organisations could not be loaded',
  services: 'The services could not be loaded',
  events: 'The events could not be loaded',
  parcours: 'The guides could not be loaded',
  indicators: 'The official figures could not be loaded',
  taxonomy: 'The categories could not be loaded',
  feed: 'The data could not be loaded',
};
const EN_NOT_UPDATED: Record<FailedPart, string> = {
  structures: 'The organisations could not be updated',
  services: 'The services could not be updated',
  events: 'The events could not be updated',
  parcours: 'The guides could not be updated',
  indicators: 'The official figures could not be updated',
  taxonomy: 'The categories could not be updated',
  feed: 'The data could not be updated',
};
const FR_REASONS: Record<FeedFailureKind, string> = {
  offline: 'pas de connexion',
  unreachable: 'serveur injoignable',
  server: 'erreur du serveur',
  timeout: 'délai dépassé',
  invalid: 'fichier illisible',
};
const EN_REASONS: Record<FeedFailureKind, string> = {
  offline: 'no connection',
  unreachable: 'server unreachable',
  server: 'server error',
  timeout: 'timed out',
  invalid: 'unreadable file',
};

/** The feed notices' strings. */
export const feedNoticeMessages = dictionaries(
  {
    staleOffline: (d: Date) => `Hors ligne : données du ${frDate(d)}, peut-être plus à jour.`,
    staleOld: (d: Date) => `Données du ${frDate(d)} ; une mise à jour est en cours.`,
    failed: (part: FailedPart, reason: string) => `${FR_FAILED[part] ?? FR_FAILED.feed} (${reason}).`,
    staleFailed: (part: FailedPart, reason: string, d: Date) =>
      `${FR_NOT_UPDATED[part] ?? FR_NOT_UPDATED.feed} (${reason}) : données du ${frDate(d)} affichées.`,
    reason: (kind: FeedFailureKind) => FR_REASONS[kind] ?? FR_REASONS.server,
    autoRetry: 'Un nouvel essai est fait automatiquement.',
    retrying: 'Nouvel essai en cours…',
    details: 'Détails techniques',
    rejected: (n: number) =>
      n === 1
        ? '1 fiche n’a pas pu être affichée (données invalides).'
        : `${new Intl.NumberFormat('fr-FR').format(n)} fiches n’ont pas pu être affichées (données invalides).`,
  },
  {
    staleOffline: (d: Date) => `Offline: data from ${enDate(d)}, possibly out of date.`,
    staleOld: (d: Date) => `Data from ${enDate(d)}; an update is under way.`,
    failed: (part: FailedPart, reason: string) => `${EN_FAILED[part] ?? EN_FAILED.feed} (${reason}).`,
    staleFailed: (part: FailedPart, reason: string, d: Date) =>
      `${EN_NOT_UPDATED[part] ?? EN_NOT_UPDATED.feed} (${reason}): showing data from ${enDate(d)}.`,
    reason: (kind: FeedFailureKind) => EN_REASONS[kind] ?? EN_REASONS.server,
    autoRetry: 'It is tried again automatically.',
    retrying: 'Trying again…',
    details: 'Technical details',
    rejected: (n: number) =>
      n === 1
        ? '1 record could not be shown (invalid data).'
        : `${new Intl.NumberFormat('en-GB').format(n)} records could not be shown (invalid data).`,
  },
);
