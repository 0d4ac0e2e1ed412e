import { describe, expect, it } from 'vitest';
import { isPlatformCookie, platformCategory, PLATFORM_COOKIE_NAMES } from '../../../src/core/report/platform-cookies.ts';

describe('platform cookies', () => {
  it('are the platform’s four, by exact name', () => {
    expect([...PLATFORM_COOKIE_NAMES].sort()).toEqual(['cookies_preferences', 'csrftoken', 'django_language', 'sessionid']);
    expect(isPlatformCookie('sessionid')).toBe(true);
    expect(isPlatformCookie('sessionid_2')).toBe(false);
  });

  it('are necessary on the platform when their source gives no readable category, and say why', () => {
    expect(platformCategory('csrftoken', 'other', true)).toEqual({ category: 'necessary', inferred: 'platform' });
  });

  it('keep a category their source states, and any category off the platform or for other cookies', () => {
    expect(platformCategory('csrftoken', 'statistics', true)).toEqual({ category: 'statistics', inferred: null });
    expect(platformCategory('csrftoken', 'other', false)).toEqual({ category: 'other', inferred: null });
    expect(platformCategory('_hjSessionUser_1', 'other', true)).toEqual({ category: 'other', inferred: null });
  });
});
