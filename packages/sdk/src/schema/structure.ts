import { z } from 'zod';
import {
  Accessibility,
  Address,
  ConceptRef,
  Contacts,
  GeoPoint,
  IsoDateOrDateTime,
  Provenance,
  RecordId,
  Rna,
  Siren,
  Siret,
  WebUrl,
} from './common.ts';

/** The families of the social and solidarity economy (loi du 31 juillet 2014, art. 1). */
export const FAMILIES = [
  'association',
  'cooperative',
  'mutuelle',
  'fondation',
  'entreprise-ess',
  'autre',
] as const;
export const Family = z.enum(FAMILIES).meta({
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
export const LegalForm = z.enum(LEGAL_FORMS).meta({
  description:
    'Legal form or approval: SCOP (société coopérative et participative), SCIC (société coopérative d’intérêt collectif), CAE (coopérative d’activité et d’emploi), ESUS (entreprise solidaire d’utilité sociale), SIAE kinds (EI, ETTI, ACI, AI, EITI), GEIQ, ESAT, EA…',
});
export type LegalForm = z.infer<typeof LegalForm>;

/** A structure of the ESS: an organisation with a place (or at least a territory). */
export const Structure = z
  .object({
    id: RecordId,
    name: z.string().trim().min(1).max(300),
    alternateNames: z.array(z.string().min(1)).optional(),
    description: z.string().max(20000).optional().meta({ description: 'Plain text (no HTML).' }),
    family: Family,
    legalForms: z.array(LegalForm).optional(),
    siret: Siret.optional(),
    siren: Siren.optional(),
    rna: Rna.optional(),
    themes: z.array(ConceptRef).optional().meta({ description: 'Concept ids of the "themes" scheme.' }),
    publics: z.array(ConceptRef).optional().meta({ description: 'Concept ids of the "publics" scheme.' }),
    networks: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: 'Networks the structure belongs to (réseaux porteurs).' }),
    keywords: z.array(z.string().min(1)).optional(),
    address: Address.optional(),
    geo: GeoPoint.optional(),
    contacts: Contacts.optional(),
    openingHours: z.string().max(1000).optional().meta({
      description:
        'Opening hours in OpenStreetMap opening_hours syntax, e.g. "Mo-Fr 09:00-12:00,14:00-18:00".',
    }),
    openingHoursText: z
      .string()
      .max(2000)
      .optional()
      .meta({ description: 'Opening hours as free text, when not expressible in OSM syntax.' }),
    accessibility: Accessibility.optional(),
    images: z.array(WebUrl).optional(),
    provenance: z.array(Provenance).min(1),
    createdAt: IsoDateOrDateTime.optional(),
    updatedAt: IsoDateOrDateTime.meta({
      description: 'Last update of the record (the most recent of its sources).',
    }),
    url: WebUrl.optional().meta({ description: 'Canonical page of the record on the publisher’s site.' }),
  })
  .meta({ title: 'Structure', description: 'An organisation of the social and solidarity economy.' });
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
  z.object({ kind: z.literal('region'), code: z.string().regex(/^\d{2}$/) }),
  z.object({ kind: z.literal('departement'), code: z.string().regex(/^(?:\d{2}|2[AB]|97\d)$/) }),
  z.object({ kind: z.literal('epci'), code: z.string().regex(/^\d{9}$/) }),
  z.object({ kind: z.literal('commune'), code: z.string().regex(/^(?:\d{5}|2[AB]\d{3})$/) }),
]);
export type EligibilityZone = z.infer<typeof EligibilityZone>;

/** A service offered by a structure (aligned with data·inclusion's service). */
export const Service = z
  .object({
    id: RecordId,
    structureId: RecordId,
    name: z.string().trim().min(1).max(300),
    description: z.string().max(20000).optional(),
    types: z.array(ServiceType).optional(),
    themes: z.array(ConceptRef).optional(),
    publics: z.array(ConceptRef).optional(),
    fees: z.enum(['gratuit', 'gratuit-sous-conditions', 'payant', 'adhesion']).optional(),
    feesDetails: z.string().max(2000).optional(),
    receptionModes: z.array(z.enum(['en-presentiel', 'a-distance'])).optional(),
    mobilisationModes: z
      .array(
        z.enum(['se-presenter', 'telephoner', 'envoyer-un-courriel', 'completer-le-formulaire', 'autre']),
      )
      .optional(),
    mobilisableBy: z.array(z.enum(['usagers', 'professionnels'])).optional(),
    eligibility: z
      .array(EligibilityZone)
      .optional()
      .meta({ description: 'Where the service can be used; absent = where the structure is.' }),
    address: Address.optional(),
    geo: GeoPoint.optional(),
    contacts: Contacts.optional(),
    openingHours: z.string().max(1000).optional(),
    provenance: z.array(Provenance).min(1),
    updatedAt: IsoDateOrDateTime,
  })
  .meta({ title: 'Service', description: 'A service offered by a structure (data·inclusion service).' });
export type Service = z.infer<typeof Service>;
