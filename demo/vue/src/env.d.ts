/// <reference types="vite/client" />
// Vue template types for <ess-*> (GlobalComponents): once per application.
import type {} from '@essaim/elements/vue';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
