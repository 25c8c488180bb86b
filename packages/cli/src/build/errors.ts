/**
 * The CLI's errors: each carries its exit code and a message in French and English. Anything else
 * thrown is a bug (exit code 4 with the stack).
 */
import { resolve } from 'node:path';

export interface Messages {
  fr: string;
  en: string;
}

/** Exit codes, as documented in `essaim --help`. */
export const ExitCode = {
  /** Done; for `validate`, every record is valid. */
  Ok: 0,
  /**
   * `validate`: some records were rejected; `build --strict`: some input records were rejected;
   * `build`: a source gave no record, or had every record rejected.
   */
  Rejected: 1,
  /** Bad command line: unknown command or option, missing argument. */
  Usage: 2,
  /** Bad input: missing or unreadable file, invalid config, file of the wrong shape, invalid manifest. */
  BadInput: 3,
  /** Internal error: a broken invariant (counts that do not add up) or a bug. */
  Internal: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly messages: Messages,
    options?: { cause?: unknown },
  ) {
    super(messages.en, options);
    this.name = 'CliError';
  }
}

/** A file that does not exist: which path, resolved from where. */
export class FileNotFoundError extends CliError {
  constructor(
    readonly path: string,
    readonly from: string,
    what: Messages = { fr: 'le fichier', en: 'the file' },
  ) {
    const abs = resolve(from, path);
    super(ExitCode.BadInput, {
      fr: `Fichier introuvable : ${what.fr} « ${path} » (cherché en ${abs}, chemin relatif à ${from}).`,
      en: `File not found: ${what.en} "${path}" (looked for ${abs}, relative to ${from}).`,
    });
    this.name = 'FileNotFoundError';
  }
}

/** Counts that must add up and do not: the build refuses to write a report that lies. */
export class InvariantError extends CliError {
  constructor(messages: Messages) {
    super(ExitCode.Internal, messages);
    this.name = 'InvariantError';
  }
}
