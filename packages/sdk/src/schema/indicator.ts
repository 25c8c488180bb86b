import * as z from 'zod/mini';
import {
  CommuneCode,
  DepartementCode,
  described,
  EpciCode,
  Licence,
  LocalizedText,
  RecordId,
  RegionCode,
  text,
  WebUrl,
} from './common.ts';
import { msg } from './messages.ts';

/**
 * The territory an official figure is about: a commune, an EPCI (by SIREN), a département or a région,
 * by its official code (the same codes as `address.cog`).
 */
export const IndicatorTerritory = z
  .discriminatedUnion('level', [
    z.object({ level: z.literal('commune'), code: CommuneCode }),
    z.object({ level: z.literal('epci'), code: EpciCode }),
    z.object({ level: z.literal('departement'), code: DepartementCode }),
    z.object({ level: z.literal('region'), code: RegionCode }),
  ])
  .register(z.globalRegistry, {
    description: 'The territory: its level (commune, epci, departement, region) and its official code.',
  });
export type IndicatorTerritory = z.infer<typeof IndicatorTerritory>;

/** Text in French and optionally English, of at most `max` characters, with its own description. */
const localized = (max: number, description: string) =>
  z.object({ fr: text(1, max), en: z.optional(text(1, max)) }).register(z.globalRegistry, { description });

/**
 * An official figure a publisher takes from an official source (e.g. an ESS observatory's share of
 * employment in the ESS by territory), shown beside the feed's own counts with its provenance: source,
 * year, unit and licence. Not computed from the feed: the feed only carries it.
 */
export const Indicator = z
  .object({
    id: RecordId,
    territory: IndicatorTerritory,
    label: localized(300, 'What the figure measures, e.g. { fr: "Part de l’emploi salarié dans l’ESS" }.'),
    value: z
      .number()
      .check(
        z.refine(
          Number.isFinite,
          msg('The value must be a finite number', 'La valeur doit être un nombre fini'),
        ),
      ),
    unit: localized(
      100,
      'Its unit as the source gives it, e.g. { fr: "%" } or { fr: "emplois salariés", en: "salaried jobs" }.',
    ),
    year: z
      .int()
      .check(
        z.gte(1900, msg('Year before 1900', 'Année antérieure à 1900')),
        z.lte(2100, msg('Year after 2100', 'Année postérieure à 2100')),
      ),
    source: z.object({
      name: text(1, 300),
      url: z.optional(WebUrl),
    }),
    licence: Licence,
    note: described(LocalizedText, 'A caveat of the source (scope, method, break in the series).'),
  })
  .register(z.globalRegistry, {
    title: 'Indicator',
    description: 'An official figure for a territory, with its source, year, unit and licence.',
  });
export type Indicator = z.infer<typeof Indicator>;
