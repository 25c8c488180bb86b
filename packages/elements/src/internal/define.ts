/**
 * Registers a custom element unless the tag is already taken: a webmaster may paste the script twice, or
 * two builds of Essaim may share a page. The first definition wins and keeps working.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, ctor);
}
