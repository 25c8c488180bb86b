/**
 * The orientation tests' shared data: the embedded feed, the default parcours, three real places, and a
 * small parcours with branching (a fixture written for the tests).
 */
// The orientation tests' shared data: the embedded feed, the default parcours, three real places, and a
// small parcours with branching (a fixture written for the tests).
// The orientation engine (packages/sdk/src/orientation) and the default parcours, on the real embedded feed.
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports.
import { expect } from 'chai';
import {
  createOrientation,
  type OrientationPlace,
  type OrientationResults,
} from '../../src/orientation/index.ts';
import type * as Places from '../../src/places/index.ts';
import { loadPlaces } from '../../src/places/load.ts';
import { type Parcours, Parcours as ParcoursSchema } from '../../src/schema/parcours.ts';
import type { Structure } from '../../src/schema/structure.ts';
import type { Taxonomy } from '../../src/schema/taxonomy.ts';
import { readRepoJson } from './files.ts';

export let structures: Structure[];
export let taxonomy: Taxonomy;
export let defaultParcours: Parcours;
export let P: typeof Places;
/** Real centres (La Poste) and COG codes of the three places of the enumeration. */
export const places: Record<'paris11' | 'vitry' | 'rural77', OrientationPlace> = {} as never;

export function placeOf(name: string, code: string): OrientationPlace {
  const place = P.getCommune(code)!;
  expect(place, code).to.not.equal(undefined);
  expect(place.name).to.equal(name);
  const cog: OrientationPlace['cog'] = {
    commune: place.code,
    departement: place.departement.code,
    region: place.region.code,
  };
  if (place.epci) cog.epci = place.epci.code;
  return { lat: place.lat!, lon: place.lon!, label: `${place.name} (${place.postcodes[0]})`, cog };
}

export const byId = (id: string) => {
  const s = structures.find((x) => x.id === id);
  if (!s) throw new Error(`no structure ${id} in data/feed/structures.json`);
  return s;
};

// ---------------------------------------------------------------------------------------------------
// A small parcours with branching, used by most tests.

export const T = (fr: string, en: string) => ({ fr, en });
export const fixture: Parcours = {
  id: 'test',
  version: '1',
  title: T('Essai', 'Test'),
  start: 'who',
  steps: [
    {
      id: 'who',
      key: 'w',
      kind: 'single',
      required: true,
      question: T('Qui êtes-vous ?', 'Who are you?'),
      next: 'where',
      options: [
        { id: 'resident', key: 'r', label: T('Habitant', 'Resident'), next: 'need' },
        {
          id: 'founder',
          key: 'f',
          label: T('Porteur de projet', 'Founder'),
          next: 'project',
          criteria: [{ field: 'text', values: ['porteurs de projet'], weight: 1 }],
        },
      ],
    },
    {
      id: 'need',
      key: 'n',
      kind: 'multiple',
      required: true,
      question: T('De quoi avez-vous besoin ?', 'What do you need?'),
      next: 'where',
      options: [
        {
          id: 'food',
          key: 'fo',
          label: T('Se nourrir', 'Food'),
          criteria: [{ field: 'themes', values: ['alimentation'], weight: 2 }],
          mustMatch: 'any',
        },
        {
          id: 'repair',
          key: 're',
          label: T('Réparer', 'Repair'),
          criteria: [{ field: 'themes', values: ['theme--reemploi-recyclage'], weight: 2 }],
          mustMatch: 'any',
        },
      ],
    },
    {
      id: 'project',
      key: 'p',
      kind: 'single',
      question: T('Votre projet a besoin de…', 'Your project needs…'),
      next: 'where',
      options: [
        {
          id: 'money',
          key: 'm',
          label: T('Financement', 'Funding'),
          criteria: [
            {
              field: 'text',
              values: ['cigales', 'microcrédit'],
              weight: 3,
              label: T('Finance des projets', 'Funds projects'),
            },
            { field: 'themes', values: ['theme--finance-solidaire'], weight: 1 },
          ],
          mustMatch: 'any',
          explain: T('Financement : la finance solidaire.', 'Funding: solidarity finance.'),
        },
        {
          id: 'nothing',
          key: 'x',
          label: T('Rien', 'Nothing'),
          criteria: [{ field: 'text', values: ['xyzzy'] }],
          mustMatch: 'any',
          empty: {
            message: T('Le flux n’a rien pour ce besoin.', 'The feed has nothing for this need.'),
            alternatives: [{ label: T('Voir le financement', 'See funding'), answers: { project: 'money' } }],
          },
        },
      ],
    },
    { id: 'where', key: 'o', kind: 'place', question: T('Où êtes-vous ?', 'Where are you?') },
  ],
  distance: { weight: 1, radiiKm: [5, 10, 25, 50] },
};

export const make = (
  parcours: Parcours = fixture,
  data: Partial<Parameters<typeof createOrientation>[1]> = {},
) => createOrientation(parcours, { structures, taxonomy, ...data });

export const ids = (r: OrientationResults | undefined) => (r?.items ?? []).map((i) => i.id);

/** Loads the embedded feed, the default parcours and the places (in each file's `before`). */
export async function loadOrientationData(): Promise<void> {
  const [s, t, p, built] = await Promise.all([
    readRepoJson<Structure[]>('data/feed/structures.json'),
    readRepoJson<Taxonomy>('data/feed/taxonomy.json'),
    readRepoJson<unknown>('data/parcours/essaim.parcours.json'),
    readRepoJson<unknown[]>('data/feed/parcours.json'),
  ]);
  structures = s;
  taxonomy = t;
  const parsed = ParcoursSchema.safeParse(p);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  defaultParcours = parsed.data;
  // The build (`pnpm feed:build`) picked it up as is.
  expect(built).to.deep.equal([p]);
  P = await loadPlaces();
  places.paris11 = placeOf('Paris 11e Arrondissement', '75111');
  places.vitry = placeOf('Vitry-sur-Seine', '94081');
  // Jouy-le-Châtel (Seine-et-Marne, 1,600 inhabitants, communauté de communes du Provinois): nothing of
  // the feed within 10 km.
  places.rural77 = placeOf('Jouy-le-Châtel', '77239');
}
