/** `essaim schema`: prints the feed's JSON Schema (draft 2020-12), generated from the zod schemas. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { feedJsonSchemaText } from '@essaim/sdk';
import { ExitCode } from '../build/errors.ts';
import type { Command } from './command.ts';

export const schemaCommand: Command = {
  name: 'schema',
  summary: {
    fr: 'affiche le JSON Schema du flux (pour les éditeurs et les autres langages)',
    en: "prints the feed's JSON Schema (for editors and other languages)",
  },
  help: {
    fr: `Usage : essaim schema [--out <fichier>]

Affiche le JSON Schema (draft 2020-12) du flux Essaim : le manifeste et chaque type d’enregistrement
(Structure, Service, Event, Taxonomy, Concept, Parcours), générés depuis les schémas zod du SDK.

Options :
  -o, --out <fichier>  écrit le schéma dans ce fichier au lieu de l’afficher
  -h, --help           cette aide`,
    en: `Usage: essaim schema [--out <file>]

Prints the JSON Schema (draft 2020-12) of the Essaim feed: the manifest and every record type
(Structure, Service, Event, Taxonomy, Concept, Parcours), generated from the SDK's zod schemas.

Options:
  -o, --out <file>  write the schema to this file instead of printing it
  -h, --help        this help`,
  },
  options: { out: { type: 'string', short: 'o' } },
  maxPositionals: 0,
  async run({ io, values, lang }) {
    const text = feedJsonSchemaText();
    if (typeof values.out === 'string') {
      const file = resolve(io.cwd, values.out);
      await writeFile(file, text);
      io.stderr.write(lang === 'fr' ? `Schéma écrit dans ${file}\n` : `Schema written to ${file}\n`);
    } else io.stdout.write(text);
    return ExitCode.Ok;
  },
};
