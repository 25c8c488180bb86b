// Vite's React + TypeScript starter (create-vite 9.3.0, `--template react-ts`: its package.json,
// tsconfigs and vite.config.ts, without oxlint, which the build does not run), type-checked and built by
// the starter's own `build` script (`tsc -b && vite build`). The page is the README's React recipe: one
// SDK store shared by the app (`useSyncExternalStore`) and `<ess-feed store={store}>`, with
// `<ess-directory pageSize={10} oness-select=…>` and the map, typed by `@essaim/elements/react`.
import { checkDirectory, VITE_TSCONFIG_NODE } from './common.mjs';

/** @param {Record<string, string>} essaim the packed tarballs, as npm dependencies */
export default (essaim) => ({
  name: 'vite-react',
  files: {
    'package.json': {
      name: 'vite-react-typescript-starter',
      private: true,
      version: '0.0.0',
      type: 'module',
      scripts: { dev: 'vite', build: 'tsc -b && vite build', preview: 'vite preview' },
      dependencies: { ...essaim, react: '19.3.1', 'react-dom': '19.3.1' },
      devDependencies: {
        '@types/node': '24.19.4',
        '@types/react': '19.3.3',
        '@types/react-dom': '19.3.0',
        '@vitejs/plugin-react': '6.3.1',
        typescript: '7.0.2',
        vite: '8.3.8',
      },
    },
    'tsconfig.json': {
      files: [],
      references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }],
    },
    'tsconfig.app.json': {
      compilerOptions: {
        tsBuildInfoFile: './node_modules/.tmp/tsconfig.app.tsbuildinfo',
        target: 'es2023',
        lib: ['ES2023', 'DOM'],
        module: 'esnext',
        types: ['vite/client'],
        allowArbitraryExtensions: true,
        skipLibCheck: true,
        moduleResolution: 'bundler',
        allowImportingTsExtensions: true,
        verbatimModuleSyntax: true,
        moduleDetection: 'force',
        noEmit: true,
        jsx: 'react-jsx',
        noUnusedLocals: true,
        noUnusedParameters: true,
        erasableSyntaxOnly: true,
        noFallthroughCasesInSwitch: true,
      },
      include: ['src'],
    },
    'tsconfig.node.json': VITE_TSCONFIG_NODE,
    'vite.config.ts': `import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// https://vite.dev/config/
export default defineConfig({
  plugins: [react()],
})
`,
    'index.html': `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Vite + React + TS</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`,
    'src/main.tsx': `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
`,
    // Once, anywhere in the app: types the <ess-*> tags in JSX.
    'src/essaim.d.ts': `import type {} from '@essaim/elements/react';
`,
    'src/App.tsx': `import { createFeedStore } from '@essaim/sdk';
import { useSyncExternalStore } from 'react';
import '@essaim/elements/define/ess-feed';
import '@essaim/elements/define/ess-directory';
import '@essaim/elements/define/ess-map';

const store = createFeedStore({ feed: '/feed/manifest.json' });
(window as { appStore?: unknown }).appStore = store;

export function App() {
  const { result } = useSyncExternalStore(store.search.subscribe, store.search.getState);
  return (
    <>
      <p>{result.total} structures</p>
      <ess-feed store={store}>
        <ess-directory departements="75" pageSize={10} oness-select={(e) => console.log(e.detail.id)} />
        <ess-map />
      </ess-feed>
    </>
  );
}
`,
  },
  feedDir: 'public/feed',
  build: ['npm', ['run', '--silent', 'build']],
  out: 'dist',
  async check(page, fail) {
    const r = await page.evaluate(() => ({
      store: document.querySelector('ess-feed')?.store === window.appStore,
      pageSize: document.querySelector('ess-directory')?.pageSize,
    }));
    if (!r.store) fail("<ess-feed>'s store is not the app's store");
    if (r.pageSize !== 10) fail(`<ess-directory>'s pageSize is ${r.pageSize}, not 10`);
    await checkDirectory(page, fail, { pageSize: 10 });
  },
});
