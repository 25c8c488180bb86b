// Vite's Vue + TypeScript starter (create-vite 9.3.0, `--template vue-ts`: its package.json, tsconfigs
// and vite.config.ts, plus `isCustomElement` for the ess-* tags as the README says), type-checked and
// built by the starter's own `build` script (`vue-tsc -b && vite build`: templates are type-checked
// against `@essaim/elements/vue`). The page is the README's Vue recipe, with the map.
import { checkDirectory, VITE_TSCONFIG_NODE } from './common.mjs';

/** @param {Record<string, string>} essaim the packed tarballs, as npm dependencies */
export default (essaim) => ({
  name: 'vite-vue',
  files: {
    'package.json': {
      name: 'vite-vue-typescript-starter',
      private: true,
      version: '0.0.0',
      type: 'module',
      scripts: { dev: 'vite', build: 'vue-tsc -b && vite build', preview: 'vite preview' },
      dependencies: { ...essaim, vue: '3.5.47' },
      devDependencies: {
        '@types/node': '24.19.4',
        '@vitejs/plugin-vue': '6.1.1',
        '@vue/tsconfig': '0.9.1',
        typescript: '6.0.3',
        vite: '8.3.8',
        'vue-tsc': '3.3.14',
      },
    },
    'tsconfig.json': {
      files: [],
      references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }],
    },
    'tsconfig.app.json': {
      extends: '@vue/tsconfig/tsconfig.dom.json',
      compilerOptions: {
        tsBuildInfoFile: './node_modules/.tmp/tsconfig.app.tsbuildinfo',
        types: ['vite/client'],
        allowArbitraryExtensions: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        erasableSyntaxOnly: true,
        noFallthroughCasesInSwitch: true,
      },
      include: ['src/**/*.ts', 'src/**/*.tsx', 'src/**/*.vue'],
    },
    'tsconfig.node.json': VITE_TSCONFIG_NODE,
    'vite.config.ts': `import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// https://vite.dev/config/
export default defineConfig({
  // ess-* tags are custom elements, not Vue components
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ess-') } } })],
})
`,
    'index.html': `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Vite + Vue + TS</title>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="/src/main.ts"></script>
  </body>
</html>
`,
    'src/main.ts': `import { createApp } from 'vue'
import App from './App.vue'

createApp(App).mount('#app')
`,
    // Once: types <ess-*> in templates (GlobalComponents).
    'src/essaim.d.ts': `import type {} from '@essaim/elements/vue';
`,
    'src/App.vue': `<script setup lang="ts">
import '@essaim/elements/define/ess-feed';
import '@essaim/elements/define/ess-directory';
import '@essaim/elements/define/ess-map';
const onSelect = (e: CustomEvent<{ id: string }>) => console.log(e.detail.id);
</script>

<template>
  <ess-feed src="/feed/manifest.json">
    <ess-directory departements="75" :page-size="10" @ess-select="onSelect"></ess-directory>
    <ess-map></ess-map>
  </ess-feed>
</template>
`,
  },
  feedDir: 'public/feed',
  build: ['npm', ['run', '--silent', 'build']],
  out: 'dist',
  async check(page, fail) {
    const pageSize = await page.evaluate(() => document.querySelector('ess-directory')?.pageSize);
    if (pageSize !== 10) fail(`<ess-directory>'s pageSize is ${pageSize}, not 10`);
    await checkDirectory(page, fail, { pageSize: 10 });
  },
});
