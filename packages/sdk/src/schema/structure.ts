import * as z from 'zod/mini';
import {
  Accessibility,
  Address,
  ConceptRef,
  Contacts,
  described,
  GeoPoint,
  IsoDateOrDateTime,
  name,
  Provenance,
  RecordId,
  Rna,
  Siren,
  Siret,
  text,
  WebUrl,
} from './common.ts';
import { OpeningHoursWeek } from './opening-hours.ts';

export { HoursInterval, OpeningHoursWeek } from './opening-hours.ts';

/** The families of the social and solidarity economy (loi du 31 juillet 2014, art. 1). */
export const FAMILIES = [
  'association',
  'cooperative',
  'mutuelle',
  'fondation',
  'entreprise-ess',
  'autre',
] as const;
export const Family = z.enum(FAMILIES).register(z.globalRegistry, {
  description:
    'ESS family: association, coopérative, mutuelle, fondation, entreprise-ess (société commerciale de l’ESS, incl. ESUS), autre (unknown or other).',
});
export type Family = z.infer<typeof Family>;

/**
 * Legal forms and approvals that matter to people looking for a structure. A structure may have several
 * (an association that is also an atelier et chantier d'insertion, a SCOP that is an entreprise d'insertion).
 */
export const LEGAL_FORMS = [
  'association',
  'association-reconnue-utilite-publique',
  'scop',
  'scic',
  'cae',
  'cuma',
  'cooperative-agricole',
  'cooperative-consommateurs',
  'cooperative-autre',
  'mutuelle-sante',
  'mutuelle-assurance',
  'fondation',
  'fonds-de-dotation',
  'societe-commerciale-ess',
  'esus',
  'siae-ei',
  'siae-etti',
  'siae-aci',
  'siae-ai',
  'siae-eiti',
  'geiq',
  'esat',
  'ea',
  'autre',
] as const;
export const LegalForm = z.enum(LEGAL_FORMS).register(z.globalRegistry, {
  description:
    'Legal form or approval: SCOP (société coopérative et participative), SCIC (société coopérative d’intérêt collectif), CAE (coopérative d’activité et d’emploi), ESUS (entreprise solidaire d’utilité sociale), SIAE kinds (EI, ETTI, ACI, AI, EITI), GEIQ, ESAT, EA…',
});
export type LegalForm = z.infer<typeof LegalForm>;

const Strings = z.array(text(1, 500));

/** A structure of the ESS: an organisation with a place (or at least a territory). */
export const Structure = z
  .object({
    id: RecordId,
    name: name(300),
    alternateNames: z.optional(Strings),
    description: described(text(0, 20_000), 'Plain text (no HTML).'),
    family: Family,
    legalForms: z.optional(z.array(LegalForm)),
    siret: z.optional(Siret),
    siren: z.optional(Siren),
    rna: z.optional(Rna),
    themes: described(z.array(ConceptRef), 'Concept ids of the "themes" scheme.'),
    publics: described(z.array(ConceptRef), 'Concept ids of the "publics" scheme.'),
    networks: described(Strings, 'Networks the structure belongs to (réseaux porteurs).'),
    keywords: z.optional(Strings),
    address: z.optional(Address),
    geo: z.optional(GeoPoint),
    contacts: z.optional(Contacts),
    openingHours: described(
      text(0, 1000),
      'Opening hours in OpenStreetMap opening_hours syntax, e.g. "Mo-Fr 09:00-12:00,14:00-18:00".',
    ),
    openingHoursText: described(
      text(0, 2000),
      'Opening hours as free text, when not expressible in OSM syntax.',
    ),
    openingHoursWeek: z.optional(OpeningHoursWeek),
    accessibility: z.optional(Accessibility),
    images: z.optional(z.array(WebUrl)),
    provenance: z.array(Provenance).check(z.minLength(1)),
    createdAt: z.optional(IsoDateOrDateTime),
    updatedAt: described(
      IsoDateOrDateTime,
      'Last update of the record (the most recent of its sources). Absent when no source dates it: the update date is unknown (never the day of the build).',
    ),
    url: described(WebUrl, 'Canonical page of the record on the publisher’s site.'),
  })
  .register(z.globalRegistry, {
    title: 'Structure',
    description: 'An organisation of the social and solidarity economy.',
  });
export type Structure = z.infer<typeof Structure>;

/** data·inclusion service types. */
export const SERVICE_TYPES = [
  'accompagnement',
  'aide-financiere',
  'aide-materielle',
  'atelier',
  'formation',
  'information',
  'autre',
] as const;
export const ServiceType = z.enum(SERVICE_TYPES);
export type ServiceType = z.infer<typeof ServiceType>;

/** Where a service can be used: official codes, or the whole country. */
export const EligibilityZone = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('france') }),
  z.object({ kind: z.literal('region'), code: z.string().check(z.regex(/^\d{2}$/)) }),
  z.object({ kind: z.literal('departement'), code: z.string().check(z.regex(/^(?:\d{2}|2[AB]|97\d)$/)) }),
  z.object({ kind: z.literal('epci'), code: z.string().check(z.regex(/^\d{9}$/)) }),
  z.object({ kind: z.literal('commune'), code: z.string().check(z.regex(/^(?:\d{5}|2[AB]\d{3})$/)) }),
]);
export type EligibilityZone = z.infer<typeof EligibilityZone>;

/** A service offered by a structure (aligned with data·inclusion's service). */
export const Service = z
  .object({
    id: RecordId,
    structureId: RecordId,
    name: name(300),
    description: z.optional(text(0, 20_000)),
    types: z.optional(z.array(ServiceType)),
    themes: z.optional(z.array(ConceptRef)),
    publics: z.optional(z.array(ConceptRef)),
    fees: z.optional(z.enum(['gratuit', 'gratuit-sous-conditions', 'payant', 'adhesion'])),
    feesDetails: z.optional(text(0, 2000)),
    receptionModes: z.optional(z.array(z.enum(['en-presentiel', 'a-distance']))),
    mobilisationModes: z.optional(
      z.array(
        z.enum(['se-presenter', 'telephoner', 'envoyer-un-courriel', 'completer-le-formulaire', 'autre']),
      ),
    ),
    mobilisableBy: z.optional(z.array(z.enum(['usagers', 'professionnels']))),
    eligibility: described(
      z.array(EligibilityZone),
      'Where the service can be used; absent = where the structure is.',
    ),
    address: z.optional(Address),
    geo: z.optional(GeoPoint),
    contacts: z.optional(Contacts),
    openingHours: z.optional(text(0, 1000)),
    openingHoursWeek: z.optional(OpeningHoursWeek),
    provenance: z.array(Provenance).check(z.minLength(1)),
    updatedAt: described(IsoDateOrDateTime, 'Last update of the service; absent when unknown.'),
  })
  .register(z.globalRegistry, {
    title: 'Service',
    description: 'A service offered by a structure (data·inclusion service).',
  });
export type Service = z.infer<typeof Service>;
