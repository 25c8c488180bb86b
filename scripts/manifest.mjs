// The custom elements of packages/elements/custom-elements.json, which `cem analyze` writes from the
// components' JSDoc: what the generated reference (gen-reference.mjs) and event typings
// (gen-event-types.mjs) read. `--no-cem` on their command line: use the manifest as it is.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const elements = join(root, 'packages/elements');

/** The custom-element declarations (with their module's `path`), after regenerating the manifest. */
export function elementDeclarations() {
  if (!process.argv.includes('--no-cem'))
    execFileSync(join(elements, 'node_modules/.bin/cem'), ['analyze', '--quiet'], {
      cwd: elements,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  const manifest = JSON.parse(readFileSync(join(elements, 'custom-elements.json'), 'utf8'));
  return manifest.modules
    .flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, path: m.path })))
    .filter((d) => d.customElement && d.tagName);
}
