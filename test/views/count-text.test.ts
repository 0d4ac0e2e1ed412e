import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countText } from '../../src/views/count-text.ts';
import { t } from '../support/render-app.tsx';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

describe('countText', () => {
  it('takes the singular for 1 in English, for 0 and 1 in French', () => {
    const chosen = (language: string) => [0, 1, 2, 1000].map((count) => countText(t, language, 'cookieCount', count));
    expect(chosen('en')).toEqual(['cookieCount 0', 'cookieCountOne 1', 'cookieCount 2', 'cookieCount 1,000']);
    expect(chosen('fr')).toEqual(['cookieCountOne 0', 'cookieCountOne 1', 'cookieCount 2', 'cookieCount 1\u202f000']);
  });

  it('writes the count as the UI language does', () => {
    expect(countText(t, 'en', 'cookieCount', 1234)).toBe('cookieCount 1,234');
    expect(countText(t, 'fr', 'cookieCount', 1234)).toBe('cookieCount 1\u202f234');
  });

  it('passes the substitutions that follow the count', () => {
    expect(countText(t, 'en', 'cookieCount', 3, 'x')).toBe('cookieCount 3 x');
  });

  it('has, for every …One message, its plural twin with the same placeholders, in every locale', () => {
    for (const language of ['en', 'fr']) {
      const messages = JSON.parse(readFileSync(`public/_locales/${language}/messages.json`, 'utf8')) as Messages;
      for (const key of Object.keys(messages).filter((name) => name.endsWith('One'))) {
        const stem = key.slice(0, -'One'.length);
        const twin = messages[stem];
        expect(twin, `${language}:${key}`).toBeDefined();
        expect(Object.keys(messages[key]!.placeholders ?? {}), `${language}:${key}`).toEqual(Object.keys(twin!.placeholders ?? {}));
        expect(messages[key]!.message, `${language}:${key} says its count`).toMatch(/\$COUNT\$/);
      }
    }
  });
});
