/** A file imported as text (Vite's `?raw` suffix): the worker carries the Open Cookie Database's JSON this way. */
declare module '*?raw' {
  const text: string;
  export default text;
}
