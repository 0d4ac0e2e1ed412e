import { afterEach, describe, expect, it, vi } from 'vitest';
import { importWhenInstalled, packageFileText, runPackageScript } from '../../src/platform/package-script.ts';

const runtime = { runtime: { getURL: (path: string) => `chrome-extension://id/${path}` } } as never;

/** A service worker's scope: the install listeners it was given, and what it imported. */
function fakeWorker() {
  const installs: Array<() => void> = [];
  const imported: string[][] = [];
  return {
    installs,
    imported,
    scope: {
      importScripts: (...urls: string[]) => void imported.push(urls),
      addEventListener: (_type: 'install', listener: () => void) => void installs.push(listener),
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('package scripts', () => {
  it('imports the files when the worker is installed, and then again when run, under the same URL', async () => {
    const worker = fakeWorker();
    importWhenInstalled(['open-cookie-database.js'], worker.scope);
    expect(worker.imported).toEqual([]);
    for (const install of worker.installs) install();
    await runPackageScript('open-cookie-database.js', worker.scope, runtime);
    expect(worker.imported).toEqual([['/open-cookie-database.js'], ['/open-cookie-database.js']]);
  });

  it('leaves a context without importScripts (an event page) alone at install', () => {
    const installs: unknown[] = [];
    importWhenInstalled(['open-cookie-database.js'], { addEventListener: (_type, listener) => void installs.push(listener) });
    expect(installs).toEqual([]);
  });

  it('lets a worker’s refusal through (the caller reads the file instead)', async () => {
    const refusing = {
      importScripts: () => {
        throw new Error('NetworkError');
      },
      addEventListener: () => undefined,
    };
    await expect(runPackageScript('open-cookie-database.js', refusing, runtime)).rejects.toThrow('NetworkError');
  });

  it('reads a file of the package as text', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => (fetched.push(url), new Response('text')));
    expect(await packageFileText('open-cookie-database.js', runtime)).toBe('text');
    expect(fetched).toEqual(['chrome-extension://id/open-cookie-database.js']);
  });
});
