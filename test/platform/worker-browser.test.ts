import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BROWSER_POLYFILL_FILE } from '../../src/core/browser-polyfill-file.ts';
import { workerBrowser } from '../../src/platform/worker-browser.ts';

/** webextension-polyfill's UMD build, the file scripts/classic-worker.ts copies into Chrome's package. */
const polyfillSource = readFileSync('node_modules/webextension-polyfill/dist/browser-polyfill.min.js', 'utf8');

/** A worker's global scope, as a context of its own, with `importScripts` running the polyfill's file in it. */
function workerScope(globals: Record<string, unknown>) {
  const imported: string[] = [];
  const scope = createContext({
    ...globals,
    importScripts: (...files: string[]) => {
      imported.push(...files);
      for (const file of files) if (file === BROWSER_POLYFILL_FILE) runInContext(polyfillSource, scope);
    },
  });
  return { scope, imported };
}

describe('the worker’s extension API', () => {
  it('is the browser’s own `browser` namespace where there is one, as it is: no wrapper, no copy, no script imported', () => {
    const native = { runtime: { id: 'extension-id' } };
    const { scope, imported } = workerScope({ browser: native });
    expect(workerBrowser(scope)).toBe(native);
    expect(imported).toEqual([]);
  });

  it('imports webextension-polyfill’s script where the namespace is missing (older Chromes): its promise-based wrapper of `chrome`', async () => {
    const chrome = {
      runtime: {
        id: 'extension-id',
        getPlatformInfo: (callback: (info: { os: string }) => void) => callback({ os: 'linux' }),
      },
    };
    const { scope, imported } = workerScope({ chrome });
    const api = workerBrowser(scope);
    expect(imported).toEqual([BROWSER_POLYFILL_FILE]);
    expect(api).not.toBe(chrome);
    expect(await api.runtime.getPlatformInfo()).toMatchObject({ os: 'linux' });
  });

  it('is Chrome’s own `chrome` from Chrome 148 where `browser` is left out (an extension with a DevTools page, before 152), named `browser` for the scripts loaded later', () => {
    const chrome = { runtime: { id: 'extension-id' } };
    const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.7871.100 Safari/537.36';
    const { scope, imported } = workerScope({ chrome, navigator: { userAgent } });
    expect(workerBrowser(scope)).toBe(chrome);
    expect(imported).toEqual([]);
    expect((scope as { browser?: unknown }).browser).toBe(chrome);
    // Chrome 147's `chrome` still wants sendResponse from onMessage listeners: the polyfill's wrapper.
    const older = workerScope({ chrome, navigator: { userAgent: userAgent.replace('/150.', '/147.') } });
    expect(workerBrowser(older.scope)).not.toBe(chrome);
    expect(older.imported).toEqual([BROWSER_POLYFILL_FILE]);
  });

  it('says so, naming the file, when neither the namespace nor the polyfill’s script gives it an API', () => {
    const importsNothing = { importScripts: () => undefined };
    expect(() => workerBrowser(importsNothing)).toThrow(/no extension API: browser-polyfill\.js did not define `browser`/);
    expect(() => workerBrowser({})).toThrow(/no extension API/);
    // Outside an extension (no `chrome`), the polyfill's own error says so.
    expect(() => workerBrowser(workerScope({}).scope)).toThrow(/only be loaded in a browser extension/);
  });
});
