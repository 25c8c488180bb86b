import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// `ess-*` tags are custom elements, not Vue components: Vue's compiler leaves them to the browser.
export default defineConfig({
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ess-') } } })],
  // The places data (communes, postcodes: ~860 KB, loaded only by the place autocomplete) is one chunk.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1000 },
});
