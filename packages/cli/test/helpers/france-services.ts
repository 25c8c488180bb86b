/**
 * The real France services list (data/sources/france-services: the ANCT's list of 2024-08-01, Licence
 * Ouverte 2.0) as a build configuration, for the tests that build it end to end.
 */
import { join, resolve } from 'node:path';
import { parseConfig } from '../../src/config.ts';
import { ROOT } from './context.ts';

export const FRANCE_SERVICES_DIR = resolve(ROOT, 'data/sources/france-services');
export const FRANCE_SERVICES_CSV = join(FRANCE_SERVICES_DIR, 'liste-fs-20240801.csv');

/** The configuration that builds the list with its mapping into `dir`/feed (merging on or off). */
export function franceServicesConfig(dir: string, merge: boolean) {
  const attribution = 'ANCT – liste des structures France services, mise à jour du 01/08/2024';
  const licence = { id: 'Licence-Ouverte-2.0', name: 'Licence Ouverte 2.0' };
  return parseConfig(
    {
      feed: {
        id: 'france-services-test',
        title: 'France services (test)',
        publisher: { name: 'Projet Essaim' },
        licence,
        attribution,
        updated: '2024-08-01',
      },
      sources: [
        {
          id: 'france-services',
          type: 'csv',
          path: FRANCE_SERVICES_CSV,
          name: 'France services (ANCT)',
          licence,
          attribution,
          options: { mapping: join(FRANCE_SERVICES_DIR, 'france-services.mapping.json') },
        },
      ],
      taxonomy: resolve(ROOT, 'data/taxonomy/essaim.taxonomy.json'),
      output: 'feed',
      ...(merge ? {} : { merge: { enabled: false } }),
    },
    '<inline>',
    dir,
  );
}
