/**
 * The one import of webextension-polyfill. Everything under src/platform takes the API as a
 * defaulted parameter, so tests pass a small fake instead of mocking this module globally.
 */
import browser from 'webextension-polyfill';

export type { Browser, Cookies, Runtime, Storage, Tabs } from 'webextension-polyfill';
export { browser };
