import { afterEach, describe, expect, it } from 'vitest';
import { workerBrowser } from '../../src/platform/worker-browser.ts';

const scope = globalThis as { browser?: unknown };

describe('the worker’s extension API', () => {
  afterEach(() => {
    delete scope.browser;
  });

  it('is the browser’s own `browser` namespace where there is one, as it is: no wrapper, no copy', () => {
    const native = { runtime: { id: 'extension-id' } };
    scope.browser = native;
    expect(workerBrowser()).toBe(native);
  });
});
