/**
 * The `essaim` command line: parses the arguments (node's `util.parseArgs`), runs the command, turns
 * errors into clear messages and exit codes. `main()` takes its IO as an argument so tests run it in
 * process.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError, ExitCode, type Messages } from './build/errors.ts';
import { closest } from './suggest.ts';
import { buildCommand } from './commands/build.ts';
import type { CliIo, Command, Lang } from './commands/command.ts';
import { schemaCommand } from './commands/schema.ts';
import { validateCommand } from './commands/validate.ts';
import { safeStream } from './terminal.ts';

export const COMMANDS: Command[] = [buildCommand, validateCommand, schemaCommand];

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const EXIT_CODES: Messages = {
  fr: `Codes de sortie :
  0  terminé ; pour validate, tous les enregistrements sont valides
  1  des enregistrements sont rejetés (validate ; build --strict) ; build : une source ne donne
     aucun enregistrement, ou tous les siens sont rejetés
  2  ligne de commande incorrecte : commande ou option inconnue, argument manquant
  3  entrée incorrecte : fichier absent ou illisible, configuration ou correspondance (mapping)
     invalide, fichier d’une forme inattendue pour son importeur ou tronqué, manifeste invalide,
     dossier de sortie refusé
  4  erreur interne : comptes qui ne tombent pas juste, bogue`,
  en: `Exit codes:
  0  done; for validate, every record is valid
  1  records were rejected (validate; build --strict); build: a source gives no record, or has
     every record rejected
  2  bad command line: unknown command or option, missing argument
  3  bad input: missing or unreadable file, invalid config or mapping, file not of the shape its
     importer expects or cut short, invalid manifest, output folder refused
  4  internal error: counts that do not add up, a bug`,
};

export function mainHelp(lang: Lang): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  const list = [...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary[lang]}`)];
  if (lang === 'fr') {
    return `essaim ${version()} — construire et valider un flux Essaim (économie sociale et solidaire)

Usage : essaim <commande> [options]

Commandes :
${list.join('\n')}
  ${'help'.padEnd(width)}  aide d’une commande : essaim help build (ou essaim build --help)

Options communes :
  -h, --help        aide
  -V, --version     version
      --lang fr|en  langue des messages (défaut : français ; ou la variable ESSAIM_LANG)

${EXIT_CODES.fr}

Exemples :
  essaim build --config data/essaim.config.json
  essaim validate data/feed
  essaim schema > feed.schema.json
`;
  }
  return `essaim ${version()} — build and validate an Essaim feed (social and solidarity economy)

Usage: essaim <command> [options]

Commands:
${list.join('\n')}
  ${'help'.padEnd(width)}  help on a command: essaim help build (or essaim build --help)

Common options:
  -h, --help        help
  -V, --version     version
      --lang fr|en  language of the messages (default: French; or the ESSAIM_LANG variable)

${EXIT_CODES.en}

Examples:
  essaim build --config data/essaim.config.json
  essaim validate data/feed
  essaim schema > feed.schema.json
`;
}

function commandHelp(cmd: Command, lang: Lang): string {
  return `${cmd.help[lang]}\n\n${EXIT_CODES[lang]}\n`;
}

/** The language: --lang wins, then ESSAIM_LANG, then French. */
function langOf(argv: string[], env: CliIo['env']): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a.startsWith('--lang=') ? a.slice(7) : a === '--lang' ? argv[i + 1] : undefined;
    if (v !== undefined) return v.toLowerCase().startsWith('en') ? 'en' : 'fr';
  }
  return env.ESSAIM_LANG?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

function usageError(messages: Messages, lang: Lang, hint?: string): CliError {
  const more = hint ?? (lang === 'fr' ? 'essaim --help pour l’aide.' : 'essaim --help for help.');
  return new CliError(ExitCode.Usage, { fr: `${messages.fr}\n${more}`, en: `${messages.en}\n${more}` });
}

/**
 * The folder the user ran the command from, which relative paths on the command line start from.
 * `pnpm essaim …` (and `npm run essaim`) run the script in the repository root and give the user's
 * folder in INIT_CWD: it is used for the `essaim` script only, whose arguments the user typed (other
 * scripts, like `feed:build`, give paths from the repository root).
 */
export function invocationDir(env: CliIo['env'], cwd = process.cwd()): string {
  return env.npm_lifecycle_event === 'essaim' && env.INIT_CWD ? env.INIT_CWD : cwd;
}

const defaultIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: invocationDir(process.env),
  env: process.env,
});

/** Runs the CLI with `argv` (without node and the script); returns the exit code. */
export async function main(argv: string[], given: CliIo = defaultIo()): Promise<number> {
  // Everything printed goes through terminalSafe (control characters from input files never raw).
  const io: CliIo = { ...given, stdout: safeStream(given.stdout), stderr: safeStream(given.stderr) };
  const lang = langOf(argv, io.env);
  try {
    return await dispatch(argv, io, lang);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`essaim${lang === 'fr' ? ' : ' : ': '}${e.messages[lang]}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(
      lang === 'fr'
        ? `essaim : erreur interne (un bogue, merci de le signaler) :\n${err?.stack ?? String(e)}\n`
        : `essaim: internal error (a bug, please report it):\n${err?.stack ?? String(e)}\n`,
    );
    return ExitCode.Internal;
  }
}

async function dispatch(argv: string[], io: CliIo, lang: Lang): Promise<number> {
  // The command is the first argument that is neither an option nor the value of --lang.
  let firstIndex = -1;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') i++;
    else if (!argv[i]!.startsWith('-')) {
      firstIndex = i;
      break;
    }
  }
  const first = firstIndex === -1 ? undefined : argv[firstIndex];
  const before = firstIndex === -1 ? argv : argv.slice(0, firstIndex);
  if (before.includes('-V') || before.includes('--version')) {
    io.stdout.write(`${version()}\n`);
    return ExitCode.Ok;
  }
  if (first === undefined || before.includes('-h') || before.includes('--help')) {
    // `--lang en` alone is fine; any other leading option is not.
    const unknown = before.filter(
      (a, i) =>
        !['-h', '--help', '--lang'].includes(a) && !a.startsWith('--lang=') && before[i - 1] !== '--lang',
    );
    if (unknown.length) {
      throw usageError({ fr: `option inconnue : ${unknown[0]}`, en: `unknown option: ${unknown[0]}` }, lang);
    }
    const asked = before.includes('-h') || before.includes('--help');
    io.stdout.write(mainHelp(lang));
    return asked ? ExitCode.Ok : ExitCode.Usage;
  }
  if (first === 'help') {
    const name = argv[firstIndex + 1];
    const cmd = COMMANDS.find((c) => c.name === name);
    if (name && !name.startsWith('-') && !cmd) throw unknownCommand(name, lang);
    io.stdout.write(cmd ? commandHelp(cmd, lang) : mainHelp(lang));
    return ExitCode.Ok;
  }
  const cmd = COMMANDS.find((c) => c.name === first);
  if (!cmd) throw unknownCommand(first, lang);
  const rest = [...before, ...argv.slice(firstIndex + 1)];
  const options = {
    ...cmd.options,
    help: { type: 'boolean', short: 'h' },
    lang: { type: 'string' },
  } as const;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw optionError(e as Error & { code?: string }, cmd, lang);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    io.stdout.write(commandHelp(cmd, lang));
    return ExitCode.Ok;
  }
  if (typeof values.lang === 'string' && !/^(fr|en)/i.test(values.lang)) {
    throw usageError(
      {
        fr: `--lang : « fr » ou « en » attendu, pas « ${values.lang} »`,
        en: `--lang: "fr" or "en" expected, not "${values.lang}"`,
      },
      lang,
    );
  }
  if (parsed.positionals.length > cmd.maxPositionals) {
    const extra = parsed.positionals[cmd.maxPositionals]!;
    throw usageError(
      {
        fr: `argument en trop pour « essaim ${cmd.name} » : ${extra}`,
        en: `unexpected argument for "essaim ${cmd.name}": ${extra}`,
      },
      lang,
      lang === 'fr' ? `essaim ${cmd.name} --help pour l’aide.` : `essaim ${cmd.name} --help for help.`,
    );
  }
  if ((cmd.minPositionals ?? Math.min(cmd.maxPositionals, 1)) > parsed.positionals.length) {
    throw usageError(
      {
        fr: `« essaim ${cmd.name} » attend un argument : le flux à valider (dossier, manifest.json ou URL).`,
        en: `"essaim ${cmd.name}" needs an argument: the feed to validate (folder, manifest.json or URL).`,
      },
      lang,
      lang === 'fr' ? `essaim ${cmd.name} --help pour l’aide.` : `essaim ${cmd.name} --help for help.`,
    );
  }
  return cmd.run({ io, lang, values, positionals: parsed.positionals });
}

function unknownCommand(name: string, lang: Lang): CliError {
  const guess = closest(name, [...COMMANDS.map((c) => c.name), 'help']);
  return usageError(
    {
      fr: `commande inconnue : « ${name} »${guess ? `. Vouliez-vous dire « ${guess} » ?` : ''}`,
      en: `unknown command "${name}"${guess ? `, did you mean "${guess}"?` : ''}`,
    },
    lang,
    lang === 'fr'
      ? `Commandes : ${COMMANDS.map((c) => c.name).join(', ')}, help. essaim --help pour l’aide.`
      : `Commands: ${COMMANDS.map((c) => c.name).join(', ')}, help. essaim --help for help.`,
  );
}

function optionError(e: Error & { code?: string }, cmd: Command, lang: Lang): CliError {
  const hint =
    lang === 'fr' ? `essaim ${cmd.name} --help pour l’aide.` : `essaim ${cmd.name} --help for help.`;
  const unknown = /Unknown option '([^']+)'/.exec(e.message)?.[1];
  if (unknown) {
    const names = [...Object.keys(cmd.options), 'help', 'lang'].map((n) => `--${n}`);
    const guess = closest(unknown, names);
    return usageError(
      {
        fr: `option inconnue pour « essaim ${cmd.name} » : ${unknown}${guess ? `. Vouliez-vous dire ${guess} ?` : ''}`,
        en: `unknown option for "essaim ${cmd.name}": ${unknown}${guess ? `, did you mean ${guess}?` : ''}`,
      },
      lang,
      hint,
    );
  }
  const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(e.message)?.[1];
  if (missing) {
    return usageError(
      { fr: `l’option ${missing} attend une valeur`, en: `option ${missing} needs a value` },
      lang,
      hint,
    );
  }
  return usageError({ fr: e.message, en: e.message }, lang, hint);
}
