// Vite import suffixes used by the map chunk (this package does not load vite/client's types).
declare module '*?inline' {
  const css: string;
  export default css;
}
declare module '*?url' {
  const url: string;
  export default url;
}
