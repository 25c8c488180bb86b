/**
 * React 19 JSX typings for the Essaim elements: `<ess-directory feed="…" page-size={10}
 * oness-select={(e) => e.detail.id} />` type-checks.
 *
 * ```ts
 * import type {} from '@essaim/elements/react';   // once, anywhere in the application
 * ```
 *
 * React 19 sets a prop as a property when the element has it (`feed`, `pageSize`, `syncUrl`…), as an
 * attribute otherwise (`page-size`, `sync-url`), and turns `on<event-name>` props into listeners: the
 * event names keep their case and hyphens (`oness-select`, `oness-filters-change`).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { EssElements } from './events.ts';
import type { EssAttributes, EssProperties } from './props.ts';

/** `on<event>` listener props for an element's event map. */
export type EssReactEvents<M> = {
  [K in keyof M & string as `on${K}`]?: (event: M[K]) => void;
};

/** The JSX props of an Essaim element: React's HTML props, its properties, attributes and events. */
export type EssReactProps<Tag extends keyof EssElements> = DetailedHTMLProps<
  HTMLAttributes<EssElements[Tag]['element']>,
  EssElements[Tag]['element']
> &
  EssProperties<EssElements[Tag]['element']> &
  EssAttributes<EssElements[Tag]['element']> &
  EssReactEvents<EssElements[Tag]['events']>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'ess-feed': EssReactProps<'ess-feed'>;
      'ess-directory': EssReactProps<'ess-directory'>;
      'ess-map': EssReactProps<'ess-map'>;
      'ess-agenda': EssReactProps<'ess-agenda'>;
      'ess-territoire': EssReactProps<'ess-territoire'>;
      'ess-orientation': EssReactProps<'ess-orientation'>;
    }
  }
}
