import { describe, expect, it } from 'vitest';
import { openCookieDatabaseText } from '../../src/background/open-cookie-database-text.ts';
import {
  OPEN_COOKIE_DATABASE_GLOBAL,
  OPEN_COOKIE_DATABASE_SCRIPT,
  openCookieDatabaseScript,
} from '../../src/core/registry/open-cookie-database-script.ts';

const TEXT = '{"columns": [], "rows": []}';

describe('openCookieDatabaseText', () => {
  it('runs the package’s database script and takes the text it set, leaving no global behind', async () => {
    const scope: Record<string, unknown> = {};
    const ran: string[] = [];
    const text = await openCookieDatabaseText({
      runScript: async (file) => {
        ran.push(file);
        scope[OPEN_COOKIE_DATABASE_GLOBAL] = TEXT;
      },
      fileText: () => Promise.reject(new Error('not read')),
      scope,
    });
    expect(text).toBe(TEXT);
    expect(ran).toEqual([OPEN_COOKIE_DATABASE_SCRIPT]);
    expect(OPEN_COOKIE_DATABASE_GLOBAL in scope).toBe(false);
  });

  it('reads the script’s text without running it where it cannot be run, or set nothing', async () => {
    const fileText = async (file: string) => (file === OPEN_COOKIE_DATABASE_SCRIPT ? openCookieDatabaseScript(TEXT) : '');
    const refused = () => Promise.reject(new Error('NetworkError: the script was not installed'));
    expect(await openCookieDatabaseText({ runScript: refused, fileText, scope: {} })).toBe(TEXT);
    expect(await openCookieDatabaseText({ runScript: async () => undefined, fileText, scope: {} })).toBe(TEXT);
  });

  it('fails with a clear error when neither gives the database', async () => {
    await expect(
      openCookieDatabaseText({ runScript: () => Promise.reject(new Error('no')), fileText: async () => 'Not found', scope: {} }),
    ).rejects.toThrow(/not the database script/);
  });
});
