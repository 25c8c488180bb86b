// custom-elements.json from the components' JSDoc (@summary, @fires, @csspart, @cssprop, @slot): the
// reference that editors, Storybook controls and framework typings read. `pnpm --filter @essaim/elements cem`.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/map/data/**'],
  outdir: '.',
  litelement: true,
  dependencies: false,
};
