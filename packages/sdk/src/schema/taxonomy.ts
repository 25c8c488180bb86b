import * as z from 'zod/mini';
import { described, LocalizedText, text } from './common.ts';
import { msg } from './messages.ts';

const Slug = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      msg(
        'Invalid slug (lowercase words joined by "-")',
        'Slug invalide (mots en minuscules reliés par « - »)',
      ),
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
    id: text(1, 200),
    scheme: SchemeId,
    slug: Slug,
    label: LocalizedText,
    definition: described(LocalizedText, 'Plain-language definition, acronyms spelled out.'),
    parent: z.optional(text(1, 200)),
    formerSlugs: z.optional(z.array(Slug)),
    sameAs: described(
      z.array(text(1, 300)),
      'Equivalent concepts elsewhere, e.g. "data-inclusion:thematique/creation-activite".',
    ),
    deprecated: z.optional(z.boolean()),
    color: z.optional(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/))),
  })
  .register(z.globalRegistry, { title: 'Concept' });
export type Concept = z.infer<typeof Concept>;

/** A versioned taxonomy: the concepts of every scheme the feed uses. */
export const Taxonomy = z
  .object({
    id: text(1, 200),
    version: text(1, 50).register(z.globalRegistry, {
      description: 'Version of the taxonomy, e.g. "2026.1".',
    }),
    concepts: z.array(Concept),
  })
  .register(z.globalRegistry, {
    title: 'Taxonomy',
    description: 'Versioned concepts: themes, publics, families, legal forms…',
  });
export type Taxonomy = z.infer<typeof Taxonomy>;
