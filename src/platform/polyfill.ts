/**
 * webextension-polyfill for the pages, loaded with `import()` where the browser lacks the
 * `browser` namespace (platform/browser.ts). Through this module of ours, the bundler's CommonJS
 * interop for the polyfill stays with it: imported directly, every page's first script imported
 * the bundler's runtime for it, one more file fetched before the page's first line.
 */
import polyfill from 'webextension-polyfill';

export default polyfill;
