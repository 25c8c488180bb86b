/**
 * The build configuration: `essaim.config.json` (or `.ts` / `.js` exporting it as default). It says what
 * the feed is (metadata, licence, attribution, date), which sources it is built from, where the
 * taxonomy and the orientation journeys are, and where the feed is written. Paths are relative to the
 * config file. The config is validated with zod; errors name the field and say what was expected, in
 * French and English.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Email, IsoDateOrDateTime, Licence, WebUrl, issueMessages, type ValidationIssue } from '@essaim/sdk';
import { z } from 'zod';
import { IndicatorsConfigSchema } from './importers/indicators.ts';
import type { SourceConfig } from './importers/types.ts';
import { CliError, ExitCode, FileNotFoundError, type Messages } from './build/errors.ts';

const SourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "-" and "_", starting with a letter or digit');

/** One source (see `SourceConfig` in importers/types.ts), plus when it was retrieved. */
export const SourceConfigSchema = z
  .object({
    id: SourceId.meta({ description: 'Source key: the id prefix (`<id>--<localId>`) and provenance key.' }),
    type: z.string().min(1).meta({
      description:
        'Importer: gogocarto, gogocarto-search, openagenda-export, openagenda-v2, ics, data-inclusion, csv, geojson, json, essaim.',
    }),
    path: z.string().min(1).meta({ description: 'Input file, relative to the config file.' }),
    name: z.string().min(1),
    url: z.optional(WebUrl),
    licence: Licence,
    attribution: z.string().min(1),
    retrievedAt: z.optional(IsoDateOrDateTime).meta({ description: 'When the input file was retrieved.' }),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** How duplicate structures are merged (docs/merging.md); `false` turns merging off. */
export const MergeConfigSchema = z
  .object({
    enabled: z.boolean().optional().meta({ description: 'Merge duplicate structures (default true).' }),
    distanceMeters: z.number().positive().max(10_000).optional().meta({
      description: 'Maximum distance, in metres, between two records with similar names (default 50).',
    }),
    nameSimilarity: z.number().min(0.5).max(1).optional().meta({
      description:
        'Minimum name score (0–1, word order kept, generic words discounted) of similar names (default 0.85).',
    }),
    sameNameDistanceMeters: z.number().positive().max(10_000).optional().meta({
      description: 'Maximum distance, in metres, between two records with identical names (default 150).',
    }),
  })
  .strict();

/** The static subscribable calendars (`calendars/*.ics`) written next to the feed. */
export const CalendarsConfigSchema = z
  .object({
    byDepartement: z.boolean().optional().meta({
      description: 'One calendar per département, `calendars/departement-<code>.ics` (default true).',
    }),
    byRegion: z.boolean().optional().meta({
      description: 'One calendar per région, `calendars/region-<code>.ics` (default true).',
    }),
    byCategory: z.boolean().optional().meta({
      description:
        'One calendar per event category and theme, `calendars/categorie-<slug>.ics` (default true).',
    }),
    by: z
      .array(z.enum(['theme', 'departement', 'region']))
      .refine((list) => list.length !== 1 && new Set(list).size === list.length, {
        message: 'two or three different dimensions, or [] for none',
      })
      .optional()
      .meta({
        description:
          'Dimensions crossed for one calendar per combination that has events, e.g. ["theme", "departement"] (the default): `calendars/categorie-<slug>--departement-<code>.ics`. `[]` for none.',
      }),
    baseUrl: z.optional(WebUrl).meta({
      description:
        'Public address of the feed folder (https://example.org/essaim/): the manifest then lists each calendar with its absolute URL, which the agenda offers as "S’abonner", and each .ics names its own address (URL, SOURCE).',
    }),
  })
  .strict();

export const EssaimConfigSchema = z
  .object({
    $schema: z.string().optional(),
    feed: z
      .object({
        id: z.string().min(1),
        title: z.string().min(1),
        description: z.string().optional(),
        publisher: z
          .object({ name: z.string().min(1), url: z.optional(WebUrl), email: z.optional(Email) })
          .strict(),
        licence: Licence,
        attribution: z.string().min(1),
        reportErrorUrl: z
          .string()
          .regex(/^(?:https?:\/\/|mailto:)/i, 'an http(s) or mailto: template')
          .optional(),
        // Date of the feed, written in the manifest (fixed here so builds are reproducible).
        updated: IsoDateOrDateTime,
        schemaUrl: z.string().optional().meta({ description: 'Written as the manifest "$schema".' }),
      })
      .strict(),
    sources: z
      .array(SourceConfigSchema)
      .min(1)
      .superRefine((sources, ctx) => {
        const seen = new Set<string>();
        sources.forEach((s, i) => {
          if (seen.has(s.id)) {
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate source id "${s.id}"` });
          }
          seen.add(s.id);
        });
      }),
    taxonomy: z.string().min(1).meta({ description: 'Taxonomy file ({ id, version, concepts }).' }),
    parcours: z.array(z.string().min(1)).optional().meta({
      description: 'Orientation journeys files (a Parcours or an array); missing files are skipped.',
    }),
    indicators: z.array(IndicatorsConfigSchema).optional().meta({
      description:
        'Official figures by territory from CSV files, each with its mapping, source and licence: the feed’s `indicators` part.',
    }),
    output: z.string().min(1).meta({ description: 'Output folder, relative to the config file.' }),
    shard: z
      .object({ by: z.enum(['departement']) })
      .strict()
      .optional()
      .meta({ description: 'Split structures, services and events in one file per département.' }),
    index: z.boolean().optional().meta({
      description:
        'Also write the static search index of the structures (`index/`, docs/static-index.md), described in the manifest’s `searchIndex`.',
    }),
    merge: z
      .union([z.literal(false), MergeConfigSchema])
      .optional()
      .meta({ description: 'Merging of duplicate structures (docs/merging.md); `false`: no merging.' }),
    calendars: z
      .union([z.literal(false), CalendarsConfigSchema])
      .optional()
      .meta({
        description:
          'Static .ics calendars written when the feed has events: `calendars/all.ics`, plus one per département and one per category/theme (each on by default); `false` writes none.',
      }),
  })
  .strict();

export type EssaimConfig = z.input<typeof EssaimConfigSchema>;
export type ParsedConfig = z.output<typeof EssaimConfigSchema> & {
  sources: Array<SourceConfig & { retrievedAt?: string }>;
};

/** A config with its location: paths in it are resolved against `baseDir`. */
export interface LoadedConfig {
  config: ParsedConfig;
  /** Absolute path of the config file (or '<inline>'). */
  file: string;
  /** Directory the config's paths are relative to. */
  baseDir: string;
}

/** Typed helper for `essaim.config.ts`: `export default defineConfig({ ... })`. */
export function defineConfig(config: EssaimConfig): EssaimConfig {
  return config;
}

/** The config is not valid: each issue names its field. */
export class ConfigError extends CliError {
  constructor(
    readonly file: string,
    readonly issues: ValidationIssue[],
  ) {
    const list = (lang: 'fr' | 'en') =>
      issues
        .map(
          (i) =>
            `  - ${i.path || (lang === 'fr' ? '(racine)' : '(root)')}${lang === 'fr' ? ' : ' : ': '}${i.message[lang]}`,
        )
        .join('\n');
    super(ExitCode.BadInput, {
      fr: `Configuration invalide (${file}) :\n${list('fr')}`,
      en: `Invalid configuration (${file}):\n${list('en')}`,
    });
    this.name = 'ConfigError';
  }
}

/** Validates a config object; `file` and `baseDir` say where its paths are relative to. */
export function parseConfig(input: unknown, file = '<inline>', baseDir = process.cwd()): LoadedConfig {
  const parsed = EssaimConfigSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.map(configIssue));
  return { config: parsed.data as ParsedConfig, file, baseDir };
}

/** Our custom messages (above, in English) with their French; dates said plainly. */
const CUSTOM_FR: Record<string, string> = {
  'lowercase letters, digits, "-" and "_", starting with a letter or digit':
    'minuscules, chiffres, « - » et « _ », en commençant par une lettre ou un chiffre',
  'an http(s) or mailto: template': 'un modèle d’adresse http(s) ou mailto:',
  'two or three different dimensions, or [] for none':
    'deux ou trois dimensions différentes, ou [] pour aucune',
};

function configIssue(issue: z.core.$ZodIssue): ValidationIssue {
  const path = issue.path.map(String).join('.');
  const en = issue.message;
  const dup = /^duplicate source id "(.*)"$/.exec(en);
  let message = issueMessages(issue);
  if (dup) message = { en, fr: `identifiant de source en double : « ${dup[1]} »` };
  else if (CUSTOM_FR[en]) message = { en, fr: CUSTOM_FR[en]! };
  else if (issue.code === 'invalid_union' && /(?:updated|retrievedAt)$/.test(path)) {
    message = {
      fr: 'date attendue : AAAA-MM-JJ, ou date-heure ISO 8601 avec son décalage (2026-11-01T10:00:00+01:00)',
      en: 'expected a date: YYYY-MM-DD, or an ISO 8601 date-time with its offset (2026-11-01T10:00:00+01:00)',
    };
  }
  return { path, code: issue.code, message };
}

/** Reads and validates a config file (.json, or .ts/.mts/.js/.mjs exporting the config as default). */
export async function loadConfig(path: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const file = resolve(cwd, path);
  const ext = extname(file).toLowerCase();
  let input: unknown;
  if (ext === '.json') {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw fileError(e, path, cwd, { fr: 'le fichier de configuration', en: 'the config file' });
    }
    try {
      input = JSON.parse(text);
    } catch (e) {
      throw new CliError(ExitCode.BadInput, {
        fr: `Configuration illisible (${file}) : ce n’est pas du JSON valide (${(e as Error).message}).`,
        en: `Unreadable configuration (${file}): not valid JSON (${(e as Error).message}).`,
      });
    }
  } else if (['.ts', '.mts', '.js', '.mjs'].includes(ext)) {
    let mod: Record<string, unknown>;
    try {
      mod = await importModule(file, ext);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const missing = err.code === 'ENOENT' && err.path === file;
      if (missing || (err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(file))) {
        throw new FileNotFoundError(path, cwd, { fr: 'le fichier de configuration', en: 'the config file' });
      }
      throw new CliError(ExitCode.BadInput, {
        fr: `Configuration illisible (${file}) : ${err.message}`,
        en: `Unreadable configuration (${file}): ${err.message}`,
      });
    }
    input = mod.default ?? mod.config;
  } else {
    throw new CliError(ExitCode.Usage, {
      fr: `Configuration « ${path} » : extension non prise en charge (attendu .json, .ts, .mts, .js ou .mjs).`,
      en: `Config "${path}": unsupported extension (expected .json, .ts, .mts, .js or .mjs).`,
    });
  }
  return parseConfig(input, file, dirname(file));
}

/**
 * A config module. TypeScript files go through jiti (loaded only for them), which strips the types on
 * every supported Node version (Node 20 cannot import a .ts file; Node 22.18+ only strips erasable
 * syntax); JavaScript files are imported natively. No module cache (a build re-reads a config that
 * changed) and no transform cache written to disk.
 */
async function importModule(file: string, ext: string): Promise<Record<string, unknown>> {
  if (ext === '.ts' || ext === '.mts') {
    await stat(file); // a missing file is said as such (ENOENT), not as a transform error
    const { createJiti } = await import('jiti');
    const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false, interopDefault: false });
    return (await jiti.import(file)) as Record<string, unknown>;
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/** A file error (missing, unreadable) as a CliError that says which path, resolved from where. */
export function fileError(e: unknown, path: string, cwd: string, what: Messages): CliError {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return new FileNotFoundError(path, cwd, what);
  const abs = resolve(cwd, path);
  return new CliError(ExitCode.BadInput, {
    fr: `Impossible de lire ${what.fr} ${abs} : ${err?.message ?? String(e)}`,
    en: `Cannot read ${what.en} ${abs}: ${err?.message ?? String(e)}`,
  });
}
