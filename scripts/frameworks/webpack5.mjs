// A plain webpack 5 app (webpack-cli, no loader, no plugin), production mode.
import { ESS_PAGE } from './common.mjs';

/** @param {Record<string, string>} essaim the packed tarballs, as npm dependencies */
export default (essaim) => ({
  name: 'webpack5',
  files: {
    'package.json': {
      name: 'webpack5',
      private: true,
      scripts: { build: 'webpack --mode production' },
      dependencies: essaim,
      devDependencies: { webpack: '5.113.0', 'webpack-cli': '7.3.1' },
    },
    'webpack.config.js': `const path = require('node:path');
module.exports = { entry: './src/index.js', output: { path: path.resolve(__dirname, 'dist'), filename: 'main.js', clean: false } };
`,
    'src/index.js': `import '@essaim/elements/define/ess-feed.js';
import '@essaim/elements/define/ess-map.js';
`,
    'dist/index.html': `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>webpack</title></head><body>
${ESS_PAGE}
<script src="main.js"></script></body></html>`,
  },
  feedDir: 'dist/feed',
  build: ['npx', ['webpack', '--mode', 'production']],
  out: 'dist',
});
