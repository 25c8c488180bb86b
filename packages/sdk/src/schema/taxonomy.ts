import { z } from 'zod';
import { LocalizedText } from './common.ts';
import { msg } from './messages.ts';

const Slug = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    msg(
      'Invalid slug (lowercase words joined by "-")',
      'Slug invalide (mots en minuscules reliés par « - »)',
    ),
  );

/** The concept schemes the feed uses. */
export const SCHEMES = [
  'themes',
  'publics',
  'families',
  'legal-forms',
  'service-types',
  'event-categories',
] as const;
export const SchemeId = z.enum(SCHEMES);
export type SchemeId = z.infer<typeof SchemeId>;

/**
 * A concept: stable `id`, current `slug` (used in URLs and attributes), labels, optional parent, and the
 * slugs it had before so old links keep working.
 */
export const Concept = z
  .object({
    id: z.string().min(1).max(200),
    scheme: SchemeId,
    slug: Slug,
    label: LocalizedText,
    definition: LocalizedText.optional().meta({
      description: 'Plain-language definition, acronyms spelled out.',
    }),
    parent: z.string().min(1).optional(),
    formerSlugs: z.array(Slug).optional(),
    sameAs: z.array(z.string().min(1)).optional().meta({
      description: 'Equivalent concepts elsewhere, e.g. "data-inclusion:thematique/creation-activite".',
    }),
    deprecated: z.boolean().optional(),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
  })
  .meta({ title: 'Concept' });
export type Concept = z.infer<typeof Concept>;

/** A versioned taxonomy: the concepts of every scheme the feed uses. */
export const Taxonomy = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1).meta({ description: 'Version of the taxonomy, e.g. "2026.1".' }),
    concepts: z.array(Concept),
  })
  .meta({ title: 'Taxonomy', description: 'Versioned concepts: themes, publics, families, legal forms…' });
export type Taxonomy = z.infer<typeof Taxonomy>;
