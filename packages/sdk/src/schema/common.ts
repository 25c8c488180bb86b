/**
 * Shared pieces of the feed schema. Written with `zod/mini` (zod 4's tree-shakable API: same schemas, same
 * types, a fraction of the bytes in a widget bundle); `z.infer` and `z.toJSONSchema` work as with `zod`.
 */
import * as z from 'zod/mini';
import { msg } from './messages.ts';

/** A string of `min`..`max` characters. */
export const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
/** A trimmed, non-empty name. */
export const name = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** An optional schema with a description (for the JSON Schema and editors). */
export const described = <T extends z.core.SomeType>(
  schema: T,
  description: string,
): z.ZodMiniOptional<T> => {
  const optional = z.optional(schema);
  z.globalRegistry.add(optional, { description });
  return optional;
};

/** Text in French (required: the feed's language) and optionally English. */
export const LocalizedText = z
  .object({ fr: text(1, 100_000), en: z.optional(text(1, 100_000)) })
  .register(z.globalRegistry, { description: 'Text in French, optionally in English.' });
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * Record ids follow data·inclusion: `source--localId`, where `source` is the slug of the source that
 * first published the record (lowercase letters, digits, `-`, `_`) and `localId` its own id there.
 */
export const RecordId = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9][a-z0-9_-]*--\S+$/,
      msg(
        'Invalid id: expected "source--localId" (e.g. "transiscope--3vu5")',
        'Identifiant invalide : « source--idLocal » attendu (ex. « transiscope--3vu5 »)',
      ),
    ),
    z.maxLength(200),
  );

/** Only http(s) links are followed for web pages (feed content is untrusted). */
export const WebUrl = z
  .url({
    protocol: /^https?$/,
    error: msg(
      'Invalid web address: only http(s) URLs are allowed',
      'Adresse web invalide : seules les URL http(s) sont acceptées',
    ),
  })
  .check(z.regex(/^https?:\/\//i), z.maxLength(2000));

export const Email = z
  .email({ error: msg('Invalid email address', 'Adresse électronique invalide') })
  .check(z.maxLength(320));

/** A licence: its id, name and, optionally, the URL of its text. */
export const Licence = z.object({
  id: text(1, 100).register(z.globalRegistry, {
    description: 'SPDX-like id, e.g. "ODbL-1.0", "etalab-2.0".',
  }),
  name: text(1, 300),
  url: z.optional(WebUrl),
});
export type Licence = z.infer<typeof Licence>;

/** A phone number as written by people: digits, spaces, dots, dashes, parentheses, a leading +. */
export const Phone = z
  .string()
  .check(z.regex(/^\+?[0-9][0-9 .()-]{5,24}$/, msg('Invalid phone number', 'Numéro de téléphone invalide')));

export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });
/** A date (YYYY-MM-DD) or a date-time with its offset. */
export const IsoDateOrDateTime = z.union([IsoDate, IsoDateTime]);

const code = (re: RegExp, en: string, fr: string) => z.string().check(z.regex(re, msg(en, fr)));

// Official geographic codes (COG, INSEE): commune (incl. Corsica 2A/2B and overseas 97x), EPCI (SIREN),
// département, région.
export const CommuneCode = code(
  /^(?:\d{5}|2[AB]\d{3})$/,
  'Invalid INSEE commune code (5 characters, e.g. "75056" or "2A004")',
  'Code commune INSEE invalide (5 caractères, ex. « 75056 » ou « 2A004 »)',
);
export const EpciCode = code(
  /^\d{9}$/,
  'Invalid EPCI code (its 9-digit SIREN)',
  'Code EPCI invalide (son SIREN à 9 chiffres)',
);
export const DepartementCode = code(
  /^(?:\d{2}|2[AB]|97\d)$/,
  'Invalid département code (e.g. "75", "2A", "971")',
  'Code de département invalide (ex. « 75 », « 2A », « 971 »)',
);
export const RegionCode = code(
  /^\d{2}$/,
  'Invalid région code (2 digits, e.g. "11")',
  'Code de région invalide (2 chiffres, ex. « 11 »)',
);
export const Postcode = code(/^\d{5}$/, 'Invalid postcode (5 digits)', 'Code postal invalide (5 chiffres)');
/** A postcode of any country, as written there ("SW1A 1AA", "1000", "1200-195", "D02 X285"). */
export const AnyPostcode = code(
  /^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/,
  'Invalid postcode',
  'Code postal invalide',
);

/**
 * France and its overseas départements and collectivités (ISO 3166-1 codes them apart too): where
 * postcodes have 5 digits and communes have COG codes.
 */
export const FRENCH_COUNTRIES = [
  'FR',
  'GP',
  'MQ',
  'GF',
  'RE',
  'YT',
  'PM',
  'BL',
  'MF',
  'WF',
  'PF',
  'NC',
  'TF',
];
/** Whether an address is French: no country said (a French feed), or France and its overseas. */
export const isFrenchCountry = (country: string | undefined): boolean =>
  !country || FRENCH_COUNTRIES.includes(country.toUpperCase());

export const Siret = code(/^\d{14}$/, 'Invalid SIRET (14 digits)', 'SIRET invalide (14 chiffres)');
export const Siren = code(/^\d{9}$/, 'Invalid SIREN (9 digits)', 'SIREN invalide (9 chiffres)');
export const Rna = code(
  /^W\d{9}$/,
  'Invalid RNA number (W followed by 9 digits)',
  'Numéro RNA invalide (W suivi de 9 chiffres)',
);

/** Geographic codes of a place, from the commune up. */
export const CogCodes = z.object({
  commune: z.optional(CommuneCode),
  epci: z.optional(EpciCode),
  departement: z.optional(DepartementCode),
  region: z.optional(RegionCode),
});
export type CogCodes = z.infer<typeof CogCodes>;

export const Address = z
  .object({
    street: described(
      text(0, 500),
      'Street line(s); the lines of a multi-line address are kept (one per line).',
    ),
    complement: z.optional(text(0, 500)),
    postcode: described(
      AnyPostcode,
      'Postcode: 5 digits in France and its overseas territories, as written there in other countries.',
    ),
    commune: described(
      text(0, 200),
      'Commune name: its official COG name when the COG code is known (the text the source wrote is kept in provenance.asWritten), else as written.',
    ),
    cog: z.optional(CogCodes),
    country: described(z.string().check(z.length(2)), 'ISO 3166-1 alpha-2 code (default "FR").'),
  })
  .check(
    z.refine((a) => !a.postcode || !isFrenchCountry(a.country) || /^\d{5}$/.test(a.postcode), {
      error: msg('Invalid French postcode (5 digits)', 'Code postal français invalide (5 chiffres)'),
      path: ['postcode'],
    }),
  );
export type Address = z.infer<typeof Address>;

/** How precise a point is, when it was not given by the source (absent: the source's own point). */
export const GEO_PRECISIONS = ['housenumber', 'street', 'locality', 'commune'] as const;
export const GeoPrecision = z.enum(GEO_PRECISIONS);
export type GeoPrecision = z.infer<typeof GeoPrecision>;

/** WGS 84 coordinates. */
export const GeoPoint = z.object({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lon: z.number().check(z.gte(-180), z.lte(180)),
  precision: described(
    GeoPrecision,
    'How the point was found when the source gave none: geocoded to the house number, the street or the locality, or "commune": the centre of its commune (an approximate position, drawn as such). Absent: the point the source gave.',
  ),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const Contacts = z.object({
  phone: z.optional(Phone),
  phones: z.optional(z.array(Phone)),
  email: z.optional(Email),
  website: z.optional(WebUrl),
  socials: z.optional(z.array(WebUrl)),
});
export type Contacts = z.infer<typeof Contacts>;

/** Accessibility of a place (aligned with OpenAgenda's hi/vi/pi/mi/ii and acceslibre). */
export const Accessibility = z.object({
  wheelchair: z.optional(z.enum(['yes', 'limited', 'no'])),
  hearing: described(z.boolean(), 'Adapted to people with hearing impairments (OpenAgenda hi).'),
  visual: described(z.boolean(), 'Adapted to people with visual impairments (vi).'),
  psychic: described(z.boolean(), 'Adapted to people with psychic disabilities (pi).'),
  motor: described(z.boolean(), 'Adapted to people with reduced mobility (mi).'),
  intellectual: described(z.boolean(), 'Adapted to people with intellectual disabilities (ii).'),
  description: z.optional(text(0, 2000)),
  url: described(WebUrl, 'Page describing the accessibility (e.g. acceslibre.beta.gouv.fr).'),
});
export type Accessibility = z.infer<typeof Accessibility>;

export const SourceKey = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9][a-z0-9_-]*$/,
      msg(
        'Invalid source key (lowercase letters, digits, "-" and "_")',
        'Clé de source invalide (minuscules, chiffres, « - » et « _ »)',
      ),
    ),
  );

/** One source that contributed to a record: who said it, under which id, where, and when. */
export const Provenance = z.object({
  source: SourceKey,
  name: described(text(1, 300), 'Human name of the source, e.g. "Transiscope".'),
  localId: text(1, 300).register(z.globalRegistry, { description: 'The record id in that source.' }),
  url: described(WebUrl, 'The record page in that source.'),
  editUrl: described(WebUrl, 'Where that source lets people correct the record.'),
  updatedAt: described(IsoDateOrDateTime, 'Last update of the record in that source.'),
  retrievedAt: z.optional(IsoDateOrDateTime),
  asWritten: described(
    z.record(z.string(), z.string().check(z.maxLength(2000))),
    'Values as this source wrote them where the feed shows another form, by field path, e.g. {"address.commune": "Saint denis"} beside the official "Saint-Denis".',
  ),
  unmappedCategories: described(
    z.array(z.string()),
    'Category ids of the source that have no concept in our taxonomy (kept visible, not dropped).',
  ),
});
export type Provenance = z.infer<typeof Provenance>;

/** A concept reference: the id of a concept in the feed's taxonomy (e.g. "theme--alimentation"). */
export const ConceptRef = text(1, 200);
