/** A CliIo for in-process runs of `main()`: collects stdout and stderr. */
import type { CliIo } from '../../src/commands/command.ts';

export function captureIo(
  cwd: string,
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
