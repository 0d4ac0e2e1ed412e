import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistryLoader } from '../../src/background/registry-loader.ts';
import { OPEN_COOKIE_DATABASE_FILES } from '../../src/core/registry/open-cookie-database-document.ts';
import { matchCookie } from '../../src/core/registry/match.ts';

const generated = readFileSync(OPEN_COOKIE_DATABASE_FILES.generated, 'utf8');

describe('registry loader', () => {
  it('reads the Open Cookie Database once, when a report first needs it', async () => {
    let reads = 0;
    const registry = createRegistryLoader(() => (reads++, generated));
    expect(reads).toBe(0);
    const [a, b] = await Promise.all([registry(), registry()]);
    expect(a).toBe(b);
    expect(await registry()).toBe(a);
    expect(reads).toBe(1);
    expect(matchCookie(a, 'example.org', { name: '_hjid', domain: 'example.org' }).source).toBe('open-cookie-database');
  });

  it('tries again after a failed load rather than remembering the failure', async () => {
    let attempts = 0;
    const registry = createRegistryLoader(() => {
      attempts++;
      if (attempts === 1) return '{"columns": [], "rows": []}';
      return generated;
    });
    await expect(registry()).rejects.toThrow(/unexpected columns/);
    await expect(registry()).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });
});
