/**
 * Vue 3 template typings for the Essaim elements (checked by vue-tsc / Vue's language tools):
 * `<ess-directory feed="…" :page-size="10" @ess-select="(e) => e.detail.id" />` type-checks.
 *
 * ```ts
 * import type {} from '@essaim/elements/vue';   // once, e.g. in env.d.ts
 * ```
 *
 * Tell Vue's compiler that `ess-*` tags are custom elements (`compilerOptions.isCustomElement`, see the
 * README). Follows Vue's guide, "Web Components — Typing custom elements in Vue templates".
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { EssElements } from './events.ts';
import type { EssProperties } from './props.ts';

/** Maps an event map to the shape Vue's `$emit` type reads. */
type VueEmit<M> = EmitFn<{ [K in keyof M]: (event: M[K]) => void }>;

/** A custom element as Vue's template type-checker sees it: its properties as props, its events. */
export type EssVueElement<Tag extends keyof EssElements> = new () => EssElements[Tag]['element'] & {
  /** @deprecated For template type-checking only; do not use on an element ref. */
  $props: HTMLAttributes & EssProperties<EssElements[Tag]['element']> & PublicProps;
  /** @deprecated For template type-checking only; do not use on an element ref. */
  $emit: VueEmit<EssElements[Tag]['events']>;
};

declare module 'vue' {
  interface GlobalComponents {
    'ess-feed': EssVueElement<'ess-feed'>;
    'ess-directory': EssVueElement<'ess-directory'>;
    'ess-map': EssVueElement<'ess-map'>;
    'ess-agenda': EssVueElement<'ess-agenda'>;
    'ess-territoire': EssVueElement<'ess-territoire'>;
    'ess-orientation': EssVueElement<'ess-orientation'>;
  }
}
