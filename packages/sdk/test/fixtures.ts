/**
 * Small fixtures taken from the real files in data/sources (Transiscope, OpenAgenda), written in the feed's
 * shape by hand so schema tests do not depend on the importers. Invalid variants are derived from them.
 */
import type { Event, FeedManifest, Structure } from '../src/index.ts';

/** Transiscope record "3vu5" (PresDeChezNous), data/sources/transiscope-idf/transiscope.json. */
export const realStructure: Structure = {
  id: 'transiscope--3vu5',
  name: 'POUSSE Marie-Thérèse',
  description: 'Production et vente de fromages au lait de chèvre',
  family: 'autre',
  themes: ['transiscope:3', 'transiscope:4', 'transiscope:33'],
  address: {
    street: "Lieu-dit L'abbaye",
    postcode: '28140',
    commune: 'Nottonville',
    cog: { commune: '28283', departement: '28', region: '24' },
    country: 'FR',
  },
  geo: { lat: 48.12308, lon: 1.4973 },
  openingHours: 'Mo-Su 10:00-12:00,15:00-19:00',
  provenance: [
    {
      source: 'transiscope',
      name: 'Transiscope',
      localId: '3vu5',
      url: 'https://presdecheznous.fr/annuaire#/fiche/id/DHM',
      editUrl: 'https://presdecheznous.fr/elements/edit/DHM',
      updatedAt: '2019-03-14T09:45:00+01:00',
    },
  ],
  updatedAt: '2019-03-14T09:45:00+01:00',
};

/** OpenAgenda event 52614576, data/sources/openagenda/events-40.json. */
export const realEvent: Event = {
  id: 'openagenda--52614576',
  title:
    'Rencontrez ECE et IFDSP, Passez au stand D28 et tentez de gagner un week-end pour 2 personnes (valeur 1 500 €) !',
  timeZone: 'Europe/Paris',
  start: '2026-03-18T09:00:00+01:00',
  end: '2026-03-19T16:00:00+01:00',
  occurrences: [
    { start: '2026-03-18T09:00:00+01:00', end: '2026-03-18T17:00:00+01:00' },
    { start: '2026-03-19T09:00:00+01:00', end: '2026-03-19T16:00:00+01:00' },
  ],
  status: 'scheduled',
  attendanceMode: 'offline',
  place: {
    name: 'Paris - Porte de Versailles',
    address: {
      street: '1 Place de la Porte de Versailles',
      postcode: '75015',
      commune: 'Paris',
      cog: { commune: '75056', departement: '75', region: '11' },
    },
    geo: { lat: 48.832462, lon: 2.287854 },
  },
  url: 'https://openagenda.com/solutionscse/events/rencontrez-ece-et-ifdsp-passez-au-stand-d28-et-tentez-de-gagner-un-week-end-pour-2-personnes-valeur-1-500-euro',
  provenance: [{ source: 'openagenda', name: 'OpenAgenda — SolutionsCSE', localId: '52614576' }],
  updatedAt: '2026-03-13T15:28:18+00:00',
};

export function manifest(parts: FeedManifest['parts']): FeedManifest {
  return {
    schemaVersion: '1.0',
    id: 'test-feed',
    title: 'Flux de test',
    publisher: { name: 'Essaim (tests)' },
    licence: {
      id: 'ODbL-1.0',
      name: 'Open Database License 1.0',
      url: 'https://opendatacommons.org/licenses/odbl/1-0/',
    },
    attribution: '© contributeurs Transiscope, OpenAgenda',
    updated: '2026-11-01',
    parts,
  };
}

/** A deep copy with changes, for invalid variants. */
export function variant<T>(base: T, change: (copy: T) => void): T {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}
