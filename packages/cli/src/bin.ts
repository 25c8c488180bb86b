#!/usr/bin/env node
/** The `essaim` executable (run with tsx inside the repository: `pnpm essaim …`). */
import { main } from './cli.ts';

// `essaim schema | head`: the reader went away, which is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
