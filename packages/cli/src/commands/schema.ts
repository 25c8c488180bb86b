/**
 * `essaim schema [feed|mapping]`: prints the feed's JSON Schema (draft 2020-12, generated from the SDK's
 * zod schemas) or the one of the mapping language of the csv/geojson/json importers.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { feedJsonSchemaText } from '@essaim/sdk';
import { CliError, ExitCode } from '../build/errors.ts';
import { mappingJsonSchemaText } from '../mapping/schema.ts';
import type { Command } from './command.ts';

const SCHEMAS: Record<string, () => string> = { feed: feedJsonSchemaText, mapping: mappingJsonSchemaText };

export const schemaCommand: Command = {
  name: 'schema',
  summary: {
    fr: 'affiche le JSON Schema du flux, ou celui des correspondances (mapping) des fichiers CSV et JSON',
    en: "prints the feed's JSON Schema, or the one of the mappings of CSV and JSON files",
  },
  help: {
    fr: `Usage : essaim schema [feed|mapping] [--out <fichier>]

  essaim schema          le JSON Schema (draft 2020-12) du flux Essaim : le manifeste et chaque type
                         d’enregistrement (Structure, Service, Event, Taxonomy, Concept, Parcours),
                         générés depuis les schémas zod du SDK
  essaim schema mapping  le JSON Schema des fichiers de correspondance des importeurs csv, geojson,
                         json et gogocarto-search (voir docs/publishing.md) ; à citer dans "$schema"
                         pour l’aide de votre éditeur

Options :
  -o, --out <fichier>  écrit le schéma dans ce fichier au lieu de l’afficher
  -h, --help           cette aide`,
    en: `Usage: essaim schema [feed|mapping] [--out <file>]

  essaim schema          the JSON Schema (draft 2020-12) of the Essaim feed: the manifest and every record
                         type (Structure, Service, Event, Taxonomy, Concept, Parcours), generated from the
                         SDK's zod schemas
  essaim schema mapping  the JSON Schema of the mapping files of the csv, geojson, json and
                         gogocarto-search importers (see docs/publishing.md); name it in "$schema" for
                         your editor's help

Options:
  -o, --out <file>  write the schema to this file instead of printing it
  -h, --help        this help`,
  },
  options: { out: { type: 'string', short: 'o' } },
  maxPositionals: 1,
  minPositionals: 0,
  async run({ io, values, lang, positionals }) {
    const which = positionals[0] ?? 'feed';
    const make = SCHEMAS[which];
    if (!make) {
      throw new CliError(ExitCode.Usage, {
        fr: `essaim schema : « feed » ou « mapping » attendu, pas « ${which} ».`,
        en: `essaim schema: "feed" or "mapping" expected, not "${which}".`,
      });
    }
    const text = make();
    if (typeof values.out === 'string') {
      const file = resolve(io.cwd, values.out);
      await writeFile(file, text);
      io.stderr.write(lang === 'fr' ? `Schéma écrit dans ${file}\n` : `Schema written to ${file}\n`);
    } else io.stdout.write(text);
    return ExitCode.Ok;
  },
};
