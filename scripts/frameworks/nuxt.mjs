// Nuxt 4 as `npm create nuxt@latest` makes it (create-nuxt 3.37.0, the `minimal` template: package.json,
// nuxt.config.ts, tsconfig.json, app/app.vue), with what the README's Nuxt recipe adds: `ess-` tags as
// custom elements (`vue.compilerOptions.isCustomElement`), the elements registered by a client-only
// plugin, and a `build:manifest` hook that keeps Essaim's lazily loaded chunks out of Nuxt's prefetch
// links. Generated as a static site (`nuxt generate`: the page is server-rendered, then hydrated),
// served from `.output/public`.
//
// Nuxt's default prefetching adds a `<link rel="prefetch">` for every chunk an entry can import
// dynamically: without the hook, every page downloaded all of Essaim's lazy parts on load, MapLibre and
// its worker included (issue 17 measured 1.52 MB). The check fails if a prefetched file is Essaim's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDirectory } from './common.mjs';

/** @param {Record<string, string>} essaim the packed tarballs, as npm dependencies */
export default (essaim) => ({
  name: 'nuxt',
  files: {
    'package.json': {
      name: 'nuxt-app',
      type: 'module',
      private: true,
      scripts: {
        build: 'nuxt build',
        dev: 'nuxt dev',
        generate: 'nuxt generate',
        preview: 'nuxt preview',
        postinstall: 'nuxt prepare',
      },
      dependencies: { ...essaim, nuxt: '4.6.4', vue: '3.5.47', 'vue-router': '5.6.1' },
    },
    'nuxt.config.ts': `// https://nuxt.com/docs/api/configuration/nuxt-config
export default defineNuxtConfig({
  compatibilityDate: '2025-07-15',
  devtools: { enabled: true },
  // ess-* tags are custom elements, not Vue components
  vue: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ess-') } },
  hooks: {
    // Essaim loads its parts (MapLibre and its worker, the detail, the export…) when they are used:
    // no prefetch for its chunks, what they import and their assets
    'build:manifest': (manifest) => {
      const lazy = (key: string) => {
        const chunk = manifest[key]
        if (!chunk || chunk.prefetch === false) return
        chunk.prefetch = false
        for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? []), ...(chunk.assets ?? [])]) lazy(k)
      }
      for (const key of Object.keys(manifest)) if (key.includes('node_modules/@essaim/')) lazy(key)
    },
  },
})
`,
    'tsconfig.json': {
      files: [],
      references: [
        { path: './.nuxt/tsconfig.app.json' },
        { path: './.nuxt/tsconfig.server.json' },
        { path: './.nuxt/tsconfig.shared.json' },
        { path: './.nuxt/tsconfig.node.json' },
      ],
    },
    'app/app.vue': `<template>
  <div>
    <NuxtRouteAnnouncer />
    <ess-feed src="/feed/manifest.json">
      <ess-map></ess-map>
      <ess-directory departements="75" :page-size="10"></ess-directory>
    </ess-feed>
  </div>
</template>
`,
    // The elements run in the browser only: a client plugin registers them (Nuxt server-renders the tags).
    'app/plugins/essaim.client.ts': `import '@essaim/elements/define/ess-feed';
import '@essaim/elements/define/ess-directory';
import '@essaim/elements/define/ess-map';

export default defineNuxtPlugin(() => {});
`,
  },
  feedDir: 'public/feed',
  build: ['npx', ['nuxt', 'generate']],
  out: '.output/public',
  async check(page, fail, _base, dir) {
    await checkDirectory(page, fail, { pageSize: 10 });
    const out = join(dir, '.output/public');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const prefetched = [...html.matchAll(/<link rel="prefetch"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]);
    let bytes = 0;
    const ours = prefetched.filter((f) => {
      const code = readFileSync(join(out, f), 'utf8');
      bytes += code.length;
      return /essaim|demWorkerSources|maplibre/i.test(f + code);
    });
    if (ours.length) fail(`Nuxt prefetches Essaim's lazy parts on page load: ${ours.join(', ')}`);
    console.log(
      `  nuxt: ${prefetched.length} files prefetched on page load (${(bytes / 1024).toFixed(0)} KB), none of Essaim's`,
    );
  },
});
