import type { BrowserCookie } from '../../src/core/cookies/cookie-record.ts';

/** A browser cookie as cookies.onChanged reports it, with a value that must never be kept. */
export function browserCookie(overrides: Partial<BrowserCookie> = {}): BrowserCookie {
  return {
    name: 'sessionid',
    value: 'SECRET-VALUE',
    domain: 'data.tco.re',
    path: '/',
    hostOnly: true,
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
    session: false,
    expirationDate: 1_800_000_000.4,
    storeId: '0',
    ...overrides,
  };
}
