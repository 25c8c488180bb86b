/**
 * `virtual:essaim/custom-elements`: the elements' custom-elements.json (the manifest `cem analyze`
 * writes from the components' JSDoc, gitignored) as Storybook's controls and docs read it.
 *
 * The manifest is (re)generated here when it is missing or older than a source file of the elements,
 * so `storybook dev`, `storybook build` and the story tests (`vitest`, which applies this `viteFinal`
 * too) work from a fresh clone without a build first. It is also trimmed for the controls panel: the
 * public API only (no private/protected/readonly members, one control per attribute-backed property).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ELEMENTS = fileURLToPath(new URL('../packages/elements', import.meta.url));
const MANIFEST = join(ELEMENTS, 'custom-elements.json');
const ID = 'virtual:essaim/custom-elements';

/** Newest modification time of the .ts files under `dir` (the analyzer's input). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) t = Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return t;
}

/** Runs `cem analyze` in packages/elements when the manifest is missing or stale. */
export function ensureManifest(): void {
  if (existsSync(MANIFEST) && statSync(MANIFEST).mtimeMs >= newest(join(ELEMENTS, 'src'))) return;
  const cem = join(ELEMENTS, 'node_modules', '.bin', 'cem');
  const r = spawnSync(cem, ['analyze'], { cwd: ELEMENTS, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !existsSync(MANIFEST))
    throw new Error(`custom-elements.json: \`cem analyze\` failed in ${ELEMENTS} (status ${r.status})`);
}

interface Item {
  name: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  description?: string;
  fieldName?: string;
  type?: { text: string };
}
interface Declaration {
  tagName?: string;
  members?: Item[];
  attributes?: Item[];
  events?: Item[];
  [k: string]: unknown;
}
interface Manifest {
  modules: { declarations?: Declaration[]; [k: string]: unknown }[];
  [k: string]: unknown;
}

/** The public API of each element: what a page can set, listen to and style. */
export function trim(manifest: Manifest): Manifest {
  for (const m of manifest.modules) {
    for (const d of m.declarations ?? []) {
      if (!d.tagName) continue;
      // The Docs page shows `description`: put the one-line @summary first.
      d.description = [d.summary, d.description].filter(Boolean).join('\n\n');
      const byAttribute = new Set((d.attributes ?? []).map((a) => a.fieldName));
      d.members = (d.members ?? []).filter(
        (x) =>
          x.kind === 'field' &&
          !x.static &&
          !x.readonly &&
          (x.privacy ?? 'public') === 'public' &&
          !x.name.startsWith('#') &&
          !byAttribute.has(x.name), // set through its attribute's control
      );
      // `string | undefined` → `string`: the type Storybook infers a control from (text, number, boolean).
      for (const x of [...d.members, ...(d.attributes ?? [])])
        if (x.type) x.type = { text: x.type.text.replace(/\s*\|\s*(undefined|null)\b/g, '') };
      // Documented (@event) names only: the analyzer also lists the base class's `emit(type, …)` as "type".
      d.events = (d.events ?? []).filter((e) => e.description || e.name.includes('-'));
    }
  }
  return manifest;
}

export function customElementsManifest(): Plugin {
  return {
    name: 'essaim:custom-elements',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load(id) {
      if (id !== `\0${ID}`) return;
      ensureManifest();
      this.addWatchFile(MANIFEST);
      return `export default ${JSON.stringify(trim(JSON.parse(readFileSync(MANIFEST, 'utf8'))))};`;
    },
  };
}
