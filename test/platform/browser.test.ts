import { afterEach, describe, expect, it } from 'vitest';
import * as platform from '../../src/platform/browser.ts';

const original = platform.browser;
const globals = globalThis as { browser?: unknown };

afterEach(() => {
  platform.installBrowser(original);
  delete globals.browser;
});

describe('the extension API in use', () => {
  it('is replaced for every importer by installBrowser', () => {
    const api = { runtime: { id: 'x' } } as never;
    platform.installBrowser(api);
    expect(platform.browser).toBe(api);
  });

  it('tells a native promise-based namespace from none', () => {
    expect(platform.hasNativeBrowserNamespace()).toBe(false);
    globals.browser = { runtime: {} };
    expect(platform.hasNativeBrowserNamespace()).toBe(false);
    globals.browser = { runtime: { id: 'abc' } };
    expect(platform.hasNativeBrowserNamespace()).toBe(true);
  });
});
