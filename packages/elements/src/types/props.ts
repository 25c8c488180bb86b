/**
 * The public, writable properties of an element class, and the attributes that reflect them, derived
 * from the classes themselves (so the framework typings follow the components without a hand-kept list).
 */
import type { LitElement } from 'lit';

type IfEquals<X, Y, A, B = never> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;

/** Keys that are not `readonly` (getters without setters are readonly). */
type WritableKeys<T> = {
  [P in keyof T]-?: IfEquals<{ [Q in P]: T[P] }, { -readonly [Q in P]: T[P] }, P>;
}[keyof T];

/** Keys that are not methods. */
type DataKeys<T> = {
  // biome-ignore lint/suspicious/noExplicitAny: any function signature
  [P in keyof T]-?: T[P] extends (...args: any[]) => unknown ? never : P;
}[keyof T];

/** What an element adds to `LitElement`: its own public, writable, non-method properties. */
export type EssPropertyName<T> = Exclude<WritableKeys<T> & DataKeys<T> & string, keyof LitElement>;

/** The element's own properties, all optional (camelCase: `pageSize`, `syncUrl`…). */
export type EssProperties<T> = { [K in EssPropertyName<T>]?: T[K] };

/** `pageSize` → `page-size` (Lit's attribute names here are the properties in kebab case). */
export type KebabCase<S extends string> = S extends `${infer H}${infer R}`
  ? `${H extends Lowercase<H> ? H : `-${Lowercase<H>}`}${KebabCase<R>}`
  : S;

/**
 * The kebab-case attribute spelling of the multi-word properties (`page-size="10"`, `sync-url`), as HTML
 * writes them. Single-word properties (`feed`, `heading`, `departements`) are already attributes.
 */
export type EssAttributes<T> = {
  [K in EssPropertyName<T> as KebabCase<K> extends K ? never : KebabCase<K>]?: string | number | boolean;
};
