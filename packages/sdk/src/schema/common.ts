import { z } from 'zod';
import { msg } from './messages.ts';

/** Text in French (required: the feed's language) and optionally English. */
export const LocalizedText = z
  .object({
    fr: z.string().min(1),
    en: z.string().min(1).optional(),
  })
  .meta({ description: 'Text in French, optionally in English.' });
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * Record ids follow data·inclusion: `source--localId`, where `source` is the slug of the source that
 * first published the record (lowercase letters, digits, `-`, `_`) and `localId` its own id there.
 */
export const RecordId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]*--\S+$/,
    msg(
      'Invalid id: expected "source--localId" (e.g. "transiscope--3vu5")',
      'Identifiant invalide : « source--idLocal » attendu (ex. « transiscope--3vu5 »)',
    ),
  )
  .max(200);

/** Only http(s) links are followed for web pages (feed content is untrusted). */
export const WebUrl = z
  .url({
    protocol: /^https?$/,
    error: msg(
      'Invalid web address: only http(s) URLs are allowed',
      'Adresse web invalide : seules les URL http(s) sont acceptées',
    ),
  })
  .regex(/^https?:\/\//i)
  .max(2000);

export const Email = z
  .email({ error: msg('Invalid email address', 'Adresse électronique invalide') })
  .max(320);

/** A phone number as written by people: digits, spaces, dots, dashes, parentheses, a leading +. */
export const Phone = z
  .string()
  .regex(/^\+?[0-9][0-9 .()-]{5,24}$/, msg('Invalid phone number', 'Numéro de téléphone invalide'));

export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });
/** A date (YYYY-MM-DD) or a date-time with its offset. */
export const IsoDateOrDateTime = z.union([IsoDate, IsoDateTime]);

// Official geographic codes (COG, INSEE): commune (incl. Corsica 2A/2B and overseas 97x), EPCI (SIREN),
// département, région.
export const CommuneCode = z
  .string()
  .regex(
    /^(?:\d{5}|2[AB]\d{3})$/,
    msg(
      'Invalid INSEE commune code (5 characters, e.g. "75056" or "2A004")',
      'Code commune INSEE invalide (5 caractères, ex. « 75056 » ou « 2A004 »)',
    ),
  );
export const EpciCode = z
  .string()
  .regex(
    /^\d{9}$/,
    msg('Invalid EPCI code (its 9-digit SIREN)', 'Code EPCI invalide (son SIREN à 9 chiffres)'),
  );
export const DepartementCode = z
  .string()
  .regex(
    /^(?:\d{2}|2[AB]|97\d)$/,
    msg(
      'Invalid département code (e.g. "75", "2A", "971")',
      'Code de département invalide (ex. « 75 », « 2A », « 971 »)',
    ),
  );
export const RegionCode = z
  .string()
  .regex(
    /^\d{2}$/,
    msg('Invalid région code (2 digits, e.g. "11")', 'Code de région invalide (2 chiffres, ex. « 11 »)'),
  );
export const Postcode = z
  .string()
  .regex(/^\d{5}$/, msg('Invalid postcode (5 digits)', 'Code postal invalide (5 chiffres)'));

export const Siret = z
  .string()
  .regex(/^\d{14}$/, msg('Invalid SIRET (14 digits)', 'SIRET invalide (14 chiffres)'));
export const Siren = z
  .string()
  .regex(/^\d{9}$/, msg('Invalid SIREN (9 digits)', 'SIREN invalide (9 chiffres)'));
export const Rna = z
  .string()
  .regex(
    /^W\d{9}$/,
    msg('Invalid RNA number (W followed by 9 digits)', 'Numéro RNA invalide (W suivi de 9 chiffres)'),
  );

/** Geographic codes of a place, from the commune up. */
export const CogCodes = z.object({
  commune: CommuneCode.optional(),
  epci: EpciCode.optional(),
  departement: DepartementCode.optional(),
  region: RegionCode.optional(),
});
export type CogCodes = z.infer<typeof CogCodes>;

export const Address = z.object({
  street: z.string().max(500).optional(),
  complement: z.string().max(500).optional(),
  postcode: Postcode.optional(),
  commune: z.string().max(200).optional().meta({ description: 'Commune name as written on the address.' }),
  cog: CogCodes.optional(),
  country: z.string().length(2).default('FR').optional().meta({ description: 'ISO 3166-1 alpha-2 code.' }),
});
export type Address = z.infer<typeof Address>;

/** WGS 84 coordinates. */
export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const Contacts = z.object({
  phone: Phone.optional(),
  phones: z.array(Phone).optional(),
  email: Email.optional(),
  website: WebUrl.optional(),
  socials: z.array(WebUrl).optional(),
});
export type Contacts = z.infer<typeof Contacts>;

/** Accessibility of a place (aligned with OpenAgenda's hi/vi/pi/mi/ii and acceslibre). */
export const Accessibility = z.object({
  wheelchair: z.enum(['yes', 'limited', 'no']).optional(),
  hearing: z
    .boolean()
    .optional()
    .meta({ description: 'Adapted to people with hearing impairments (OpenAgenda hi).' }),
  visual: z.boolean().optional().meta({ description: 'Adapted to people with visual impairments (vi).' }),
  psychic: z.boolean().optional().meta({ description: 'Adapted to people with psychic disabilities (pi).' }),
  motor: z.boolean().optional().meta({ description: 'Adapted to people with reduced mobility (mi).' }),
  intellectual: z
    .boolean()
    .optional()
    .meta({ description: 'Adapted to people with intellectual disabilities (ii).' }),
  description: z.string().max(2000).optional(),
  url: WebUrl.optional().meta({
    description: 'Page describing the accessibility (e.g. acceslibre.beta.gouv.fr).',
  }),
});
export type Accessibility = z.infer<typeof Accessibility>;

/** One source that contributed to a record: who said it, under which id, where, and when. */
export const Provenance = z.object({
  source: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_-]*$/,
      msg(
        'Invalid source key (lowercase letters, digits, "-" and "_")',
        'Clé de source invalide (minuscules, chiffres, « - » et « _ »)',
      ),
    ),
  name: z.string().min(1).optional().meta({ description: 'Human name of the source, e.g. "Transiscope".' }),
  localId: z.string().min(1).meta({ description: 'The record id in that source.' }),
  url: WebUrl.optional().meta({ description: 'The record page in that source.' }),
  editUrl: WebUrl.optional().meta({ description: 'Where that source lets people correct the record.' }),
  updatedAt: IsoDateOrDateTime.optional().meta({ description: 'Last update of the record in that source.' }),
  retrievedAt: IsoDateOrDateTime.optional(),
  unmappedCategories: z.array(z.string()).optional().meta({
    description:
      'Category ids of the source that have no concept in our taxonomy (kept visible, not dropped).',
  }),
});
export type Provenance = z.infer<typeof Provenance>;

/** A concept reference: the id of a concept in the feed's taxonomy (e.g. "theme--alimentation"). */
export const ConceptRef = z.string().min(1).max(200);
