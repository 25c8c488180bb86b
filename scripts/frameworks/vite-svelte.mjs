// Vite's Svelte + TypeScript starter (`npm create vite@latest -- --template svelte-ts`, create-vite 9.3.0:
// Svelte 5, svelte-check, TypeScript 6; vite pinned as in vite-vanilla so the two share their install),
// the map and a directory in a .svelte component, typed by `@essaim/elements/svelte`: the starter's
// `check` script (svelte-check) passes, a component with `<ess-agenda view="year">` makes svelte-check fail
// on that attribute, then `vite build`.
import { buildScript, checkDirectory, VITE_TSCONFIG_NODE } from './common.mjs';

const bin = (name) => `node_modules/.bin/${name}`;

/** @param {Record<string, string>} essaim the packed tarballs, as npm dependencies */
export default (essaim) => ({
  name: 'vite-svelte',
  files: {
    'package.json': {
      name: 'vite-svelte-ts-starter',
      private: true,
      version: '0.0.0',
      type: 'module',
      scripts: {
        dev: 'vite',
        build: 'vite build',
        preview: 'vite preview',
        check: 'svelte-check --tsconfig ./tsconfig.app.json && tsc -p tsconfig.node.json',
      },
      dependencies: essaim,
      devDependencies: {
        '@sveltejs/vite-plugin-svelte': '7.3.3',
        '@tsconfig/svelte': '5.0.8',
        '@types/node': '24.19.2',
        svelte: '5.60.1',
        'svelte-check': '4.7.9',
        typescript: '6.0.3',
        vite: '8.3.8',
      },
    },
    'index.html': `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Vite + Svelte + TS</title>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="/src/main.ts"></script>
  </body>
</html>
`,
    'svelte.config.js': `/** @type {import("@sveltejs/vite-plugin-svelte").SvelteConfig} */
export default {}
`,
    'vite.config.ts': `import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vite'

// https://vite.dev/config/
export default defineConfig({
  plugins: [svelte()],
})
`,
    'tsconfig.json': {
      files: [],
      references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }],
    },
    'tsconfig.app.json': {
      extends: '@tsconfig/svelte/tsconfig.json',
      compilerOptions: {
        tsBuildInfoFile: './node_modules/.tmp/tsconfig.app.tsbuildinfo',
        target: 'es2023',
        module: 'esnext',
        types: ['svelte', 'vite/client'],
        allowArbitraryExtensions: true,
        noEmit: true,
        allowJs: true,
        checkJs: true,
        moduleDetection: 'force',
      },
      include: ['src/**/*.ts', 'src/**/*.js', 'src/**/*.svelte'],
    },
    'tsconfig.node.json': VITE_TSCONFIG_NODE,
    // The README's way: one type import in a .d.ts of the app.
    'src/essaim.d.ts': `import type {} from '@essaim/elements/svelte';
`,
    'src/main.ts': `import { mount } from 'svelte'
import App from './App.svelte'

const app = mount(App, {
  target: document.getElementById('app')!,
})

export default app
`,
    'src/App.svelte': `<script lang="ts">
  import '@essaim/elements/define/ess-feed'
  import '@essaim/elements/define/ess-map'
  import '@essaim/elements/define/ess-directory'

  let selected = $state('')
</script>

<main>
  <p>{selected ? \`Sélection : \${selected}\` : 'Aucune sélection'}</p>
  <ess-feed src="/feed/manifest.json">
    <ess-map style="--ess-map-height: 400px"></ess-map>
    <ess-directory pageSize={5} oness-select={(e) => (selected = e.detail.id)}></ess-directory>
  </ess-feed>
</main>
`,
    // The negative check: a value outside AgendaView, outside src/ so that the app's own check passes.
    'negative/WrongView.svelte': `<script lang="ts">
  import '@essaim/elements/define/ess-agenda'
</script>

<ess-agenda view="year"></ess-agenda>
`,
    'tsconfig.negative.json': {
      extends: './tsconfig.app.json',
      include: ['src/essaim.d.ts', 'negative/*.svelte'],
    },
    'essaim-build.mjs': buildScript([
      { name: 'svelte-check', command: 'npm', args: ['run', '--silent', 'check'] },
      {
        name: 'svelte-check rejects view="year"',
        command: bin('svelte-check'),
        args: ['--tsconfig', './tsconfig.negative.json', '--output', 'human'],
        // The error is on the attribute (line 5, column 13: `view`), about the value and the type.
        mustFail: [/WrongView\.svelte:5:13/, /'"year"'/, /AgendaView/],
      },
      { name: 'vite build', command: bin('vite'), args: ['build', '--logLevel', 'warn'] },
    ]),
  },
  feedDir: 'public/feed',
  build: ['node', ['essaim-build.mjs']],
  out: 'dist',
  check: (page, fail) => checkDirectory(page, fail, { pageSize: 5 }),
});
