/** `essaim build`: builds the feed described by a config file. */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { buildFeed } from '../build/pipeline.ts';
import { CliError, ExitCode } from '../build/errors.ts';
import { loadConfig } from '../config.ts';
import { createProgress } from '../progress.ts';
import { formatBuildReport, num } from '../report.ts';
import type { Command } from './command.ts';

const DEFAULT_CONFIGS = ['essaim.config.json', 'essaim.config.ts', 'essaim.config.mjs', 'essaim.config.js'];

export const buildCommand: Command = {
  name: 'build',
  summary: {
    fr: 'construit le flux (manifest.json + fichiers statiques) depuis les sources d’une configuration',
    en: 'builds the feed (manifest.json + static files) from the sources of a config',
  },
  help: {
    fr: `Usage : essaim build [--config essaim.config.json] [options]

Lit chaque source de la configuration avec son importeur, valide chaque enregistrement avec le schéma
du flux, fusionne les doublons (même SIRET, ou noms proches à moins de 50 m), puis écrit dans le dossier
de sortie : manifest.json, structures.json, services.json, events.json (ou un fichier par département
avec « shard »), taxonomy.json, parcours.json et build-report.json. Même entrée → mêmes octets.

Options :
  -c, --config <fichier>  configuration (.json, .ts, .mjs) ; défaut : essaim.config.json du dossier courant
  -o, --out <dossier>     dossier de sortie, à la place de « output » de la configuration
      --json              affiche le rapport en JSON (celui de build-report.json)
      --strict            code de sortie 1 si des enregistrements ont été rejetés
      --force             écrit dans un dossier qui contient d’autres fichiers (jamais supprimés ni
                          remplacés) ; sans elle, seulement dans un dossier vide ou un flux déjà écrit
      --index             écrit aussi l’index de recherche statique (index/, comme « index: true »)
  -q, --quiet             n’affiche ni la progression ni le rapport
  -h, --help              cette aide

Rapport : par source, reçus = acceptés + fusionnés + rejetés, avec les raisons des rejets, chaque
valeur corrigée ou écartée (avertissements par sorte, avec exemples) et chaque fusion (identifiant
gardé, identifiants fusionnés, raison et chiffres). Jamais de fusion de deux SIRET, SIREN ou RNA
différents ; merges.csv liste les fusions et les rapprochements refusés, à relire (docs/merging.md).
Une source sans enregistrement, ou dont tous les enregistrements sont rejetés, arrête la construction
(code 1). Les chemins de la configuration sont relatifs à son dossier ; ceux de la ligne de commande,
au dossier courant (aussi avec « pnpm essaim »). essaim écrit un fichier .essaim-build.json qui liste
les fichiers qu’il a écrits : il ne supprime que ceux-là.

Exemple :
  essaim build --config data/essaim.config.json`,
    en: `Usage: essaim build [--config essaim.config.json] [options]

Reads each source of the config with its importer, validates every record with the feed schema, merges
duplicates (same SIRET, or similar names less than 50 m apart), then writes to the output folder:
manifest.json, structures.json, services.json, events.json (or one file per département with "shard"),
taxonomy.json, parcours.json and build-report.json. Same input → same bytes.

Options:
  -c, --config <file>  config (.json, .ts, .mjs); default: essaim.config.json in the current folder
  -o, --out <folder>   output folder, instead of the config's "output"
      --json           print the report as JSON (the one in build-report.json)
      --strict         exit code 1 when input records were rejected
      --force          write into a folder that holds other files (never deleted nor replaced);
                       without it, only into an empty folder or a feed essaim wrote
      --index          also write the static search index (index/, as "index: true")
  -q, --quiet          print neither progress nor the report
  -h, --help           this help

Report: per source, received = accepted + merged + rejected, with the reasons of the rejections, every
value fixed or dropped (warnings by kind, with examples) and every merge (kept id, merged ids, reason
and figures). Two different SIRET, SIREN or RNA numbers are never merged; merges.csv lists the merges
and the matches kept apart, for review (docs/merging.md). A source with no record, or whose every
record is rejected, stops the build (exit 1). Paths in the config are relative to its folder; paths
on the command line, to the current folder (also under "pnpm essaim"). essaim writes a
.essaim-build.json file listing the files it wrote: it deletes only those.

Example:
  essaim build --config data/essaim.config.json`,
  },
  options: {
    config: { type: 'string', short: 'c' },
    out: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
    force: { type: 'boolean' },
    index: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  maxPositionals: 0,
  async run({ io, values, lang }) {
    let configPath = typeof values.config === 'string' ? values.config : undefined;
    if (!configPath) {
      configPath = DEFAULT_CONFIGS.find((f) => existsSync(resolve(io.cwd, f)));
      if (!configPath) {
        throw new CliError(ExitCode.Usage, {
          fr: `Aucune configuration : passez --config <fichier> (aucun ${DEFAULT_CONFIGS.join(', ')} dans ${io.cwd}).`,
          en: `No config: pass --config <file> (no ${DEFAULT_CONFIGS.join(', ')} in ${io.cwd}).`,
        });
      }
    }
    const started = Date.now();
    const loaded = await loadConfig(configPath, io.cwd);
    const progress = createProgress({
      stream: io.stderr as NodeJS.WritableStream,
      mode: values.quiet ? 'silent' : undefined,
      lang,
    });
    const result = await buildFeed(loaded, {
      progress,
      cwd: io.cwd,
      lang,
      force: values.force === true,
      ...(values.index === true ? { index: true } : {}),
      ...(typeof values.out === 'string' ? { outDir: values.out } : {}),
    });
    const { report } = result;
    if (values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (!values.quiet) {
      const rel = relative(io.cwd, result.outDir);
      const where = !rel ? '.' : rel.startsWith('..') ? result.outDir : rel;
      const bytes = Object.values(result.files).reduce((n, f) => n + f.bytes, 0);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.stdout.write(`${formatBuildReport(report, lang)}\n`);
      io.stdout.write(
        lang === 'fr'
          ? `Flux écrit dans ${where} (${Object.keys(result.files).length} fichiers, ${num(Math.round(bytes / 1024), lang)} Kio) en ${seconds} s.\n`
          : `Feed written to ${where} (${Object.keys(result.files).length} files, ${num(Math.round(bytes / 1024), lang)} KiB) in ${seconds} s.\n`,
      );
    }
    return values.strict && report.totals.rejected > 0 ? ExitCode.Rejected : ExitCode.Ok;
  },
};
