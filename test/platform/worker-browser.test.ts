import { afterEach, describe, expect, it } from 'vitest';
import { workerBrowser } from '../../src/platform/worker-browser.ts';

const scope = globalThis as { browser?: unknown; chrome?: unknown };

describe('the worker’s extension API', () => {
  afterEach(() => {
    delete scope.browser;
    delete scope.chrome;
  });

  it('is the browser’s own `browser` namespace where there is one, as it is: no wrapper, no copy', () => {
    const native = { runtime: { id: 'extension-id' } };
    scope.browser = native;
    expect(workerBrowser()).toBe(native);
  });

  it('is webextension-polyfill’s promise-based wrapper of `chrome` where the namespace is missing (older Chromes)', async () => {
    scope.chrome = {
      runtime: {
        id: 'extension-id',
        getPlatformInfo: (callback: (info: { os: string }) => void) => callback({ os: 'linux' }),
      },
    };
    const api = workerBrowser();
    expect(api).not.toBe(scope.chrome);
    await expect(api.runtime.getPlatformInfo()).resolves.toEqual({ os: 'linux' });
  });
});
