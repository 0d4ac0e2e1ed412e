import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gzippedPackageFileText } from '../../src/platform/package-files.ts';

const runtime = { runtime: { getURL: (path: string) => `chrome-extension://id/${path}` } } as never;

afterEach(() => vi.unstubAllGlobals());

describe('gzippedPackageFileText', () => {
  it('reads a gzip file of the package and unzips it, characters past ASCII included', async () => {
    const text = '{"rows": [["Stocke le choix de l’utilisateur", "é"]]}'.repeat(1000);
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => (fetched.push(url), new Response(gzipSync(text))));
    expect(await gzippedPackageFileText('data/open-cookie-database.json.gz', runtime)).toBe(text);
    expect(fetched).toEqual(['chrome-extension://id/data/open-cookie-database.json.gz']);
  });

  it('says which file it could not read', async () => {
    vi.stubGlobal('fetch', async () => new Response('Not found', { status: 404 }));
    await expect(gzippedPackageFileText('data/missing.gz', runtime)).rejects.toThrow(
      'data/missing.gz could not be read from the package (404)',
    );
  });

  it('fails on a file that is not gzip, rather than giving garbage', async () => {
    vi.stubGlobal('fetch', async () => new Response('{"plain": "json"}'));
    await expect(gzippedPackageFileText('data/plain.gz', runtime)).rejects.toThrow();
  });
});
