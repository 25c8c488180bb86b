/** A CliIo for running `main()` in process: what it prints is collected. */
import { tmpdir } from 'node:os';
import type { CliIo } from '../../src/commands/command.ts';

export function io(
  cwd = tmpdir(),
  env: Record<string, string> = {},
): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    cwd,
    env,
    out: () => out,
    err: () => err,
  };
}
