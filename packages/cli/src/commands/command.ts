/** What every command has: its name, a one-line summary, its help, its options, and `run`. */
import type { ParseArgsConfig } from 'node:util';
import type { Messages } from '../build/errors.ts';

export type Lang = 'fr' | 'en';

/** Where a command reads and writes (tests pass their own). */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface CommandContext {
  io: CliIo;
  lang: Lang;
  /** Parsed options (by long name). */
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: Messages;
  /** Full help text (usage, options, examples). */
  help: Messages;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positionals it takes at most. */
  maxPositionals: number;
  /** How many it needs (default: 1 when it takes any). */
  minPositionals?: number;
  run(ctx: CommandContext): Promise<number>;
}
