import { describe, expect, it } from 'vitest';
import { PLATFORM_DEFAULT_CHARTER } from '../../../src/core/registry/platform-default.ts';
import { parseStatedLifetime } from '../../../src/core/report/duration.ts';

const DAY = 86400;

describe('PLATFORM_DEFAULT_CHARTER', () => {
  it('declares the four functional cookies as the platform’s published policy does (Huwise, 2025-09-29)', () => {
    expect(PLATFORM_DEFAULT_CHARTER.entries.map((e) => [e.provider, e.cookie, e.match, e.duration, e.category, e.service])).toEqual([
      ['Huwise', 'sessionid', 'exact', '2 weeks by default', 'necessary', null],
      ['Huwise', 'csrftoken', 'exact', 'Token reset at random between two requests or two sessions. Up to 12 months', 'necessary', null],
      ['Huwise', 'cookies_preferences', 'exact', '6 months', 'necessary', null],
      ['Huwise', 'django_language', 'exact', '12 months', 'necessary', null],
    ]);
    expect(PLATFORM_DEFAULT_CHARTER.entries.find((e) => e.cookie === 'django_language')?.purpose).toMatch(
      /only when the portal is available in several languages/i,
    );
    expect(PLATFORM_DEFAULT_CHARTER.language).toBe('en');
    expect(PLATFORM_DEFAULT_CHARTER.portal).toBeNull();
  });

  it('states lifetimes the lifetime check can read', () => {
    const seconds = Object.fromEntries(PLATFORM_DEFAULT_CHARTER.entries.map((e) => [e.cookie, parseStatedLifetime(e.duration)]));
    expect(seconds).toEqual({
      sessionid: { kind: 'max', seconds: 14 * DAY },
      csrftoken: { kind: 'max', seconds: 366 * DAY },
      cookies_preferences: { kind: 'max', seconds: 184 * DAY },
      django_language: { kind: 'max', seconds: 366 * DAY },
    });
  });

  it('lets Django’s own defaults pass: a two-week session, a 52-week CSRF token, a year for the language', () => {
    // Django: SESSION_COOKIE_AGE 1209600 s, CSRF_COOKIE_AGE 31449600 s; the platform says 12 months for the language.
    const longest = (cookie: string) =>
      (parseStatedLifetime(PLATFORM_DEFAULT_CHARTER.entries.find((e) => e.cookie === cookie)!.duration) as { seconds: number }).seconds;
    expect(longest('sessionid')).toBeGreaterThanOrEqual(1_209_600);
    expect(longest('csrftoken')).toBeGreaterThanOrEqual(31_449_600);
    expect(longest('django_language')).toBeGreaterThanOrEqual(365 * DAY);
    expect(longest('cookies_preferences')).toBeGreaterThanOrEqual(183 * DAY);
  });

  it('uses precomposed accents and plain text', () => {
    for (const entry of PLATFORM_DEFAULT_CHARTER.entries) {
      expect(entry.purpose).toBe(entry.purpose.normalize('NFC'));
      expect(entry.purpose.trim()).not.toBe('');
    }
  });
});
