import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistryLoader } from '../../src/background/registry-loader.ts';
import { OPEN_COOKIE_DATABASE_FILES } from '../../src/core/registry/open-cookie-database-document.ts';
import { matchCookie } from '../../src/core/registry/match.ts';

const generated = readFileSync(OPEN_COOKIE_DATABASE_FILES.generated, 'utf8');

describe('registry loader', () => {
  it('fetches the packaged Open Cookie Database once, when a report first needs it', async () => {
    const fetched: string[] = [];
    const registry = createRegistryLoader(async (path) => (fetched.push(path), generated));
    expect(fetched).toEqual([]);
    const [a, b] = await Promise.all([registry(), registry()]);
    expect(a).toBe(b);
    expect(await registry()).toBe(a);
    expect(fetched).toEqual([OPEN_COOKIE_DATABASE_FILES.packaged]);
    expect(matchCookie(a, 'example.org', { name: '_hjSessionUser_1234', domain: 'example.org' }).source).toBe('open-cookie-database');
  });

  it('tries again after a failed load rather than remembering the failure', async () => {
    let attempts = 0;
    const registry = createRegistryLoader(async () => {
      attempts++;
      if (attempts === 1) throw new Error('package unreadable');
      return generated;
    });
    await expect(registry()).rejects.toThrow('package unreadable');
    await expect(registry()).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });
});
