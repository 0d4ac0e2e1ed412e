import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NAMELESS_COOKIE, shownCookieName } from '../../../src/core/cookies/nameless.ts';

describe('a cookie with an empty name', () => {
  it('is said in words where a name is shown, in each language; any other name is itself', () => {
    expect(shownCookieName('')).toBe('(no name)');
    expect(shownCookieName('', 'fr')).toBe('(sans nom)');
    expect(shownCookieName(' ')).toBe(' ');
    expect(shownCookieName('sessionid', 'fr')).toBe('sessionid');
  });

  it('has the same words in the pages’ messages (namelessCookie) as in the files and the CLI', () => {
    for (const language of ['en', 'fr'] as const) {
      const messages = JSON.parse(readFileSync(`public/_locales/${language}/messages.json`, 'utf8')) as Record<string, { message: string }>;
      expect(messages.namelessCookie?.message).toBe(NAMELESS_COOKIE[language]);
    }
  });
});
