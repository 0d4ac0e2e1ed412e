import { describe, expect, it } from 'vitest';
import { emptySite, presentCookies, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { browserCookie } from '../../support/cookies.ts';

describe('recordCookieChange', () => {
  it('records a set, then a change, then a removal of one cookie', () => {
    let site = emptySite('data.tco.re');
    site = recordCookieChange(site, browserCookie(), false, 1);
    site = recordCookieChange(site, browserCookie({ httpOnly: false }), false, 2);
    expect(Object.values(site.cookies)).toHaveLength(1);
    expect(presentCookies(site)[0]).toMatchObject({ firstSeen: 1, lastChanged: 2, httpOnly: false });

    site = recordCookieChange(site, browserCookie(), true, 3);
    expect(presentCookies(site)).toEqual([]);
    expect(Object.values(site.cookies)[0]).toMatchObject({ removed: 3, firstSeen: 1 });
  });

  it('does not modify the record it was given', () => {
    const site = emptySite('data.tco.re');
    recordCookieChange(site, browserCookie(), false, 1);
    expect(site.cookies).toEqual({});
  });

  it('lists present cookies by name, then domain', () => {
    let site = emptySite('data.tco.re');
    for (const [name, domain] of [['csrftoken', 'data.tco.re'], ['_ga', '.tco.re'], ['csrftoken', '.tco.re']] as const) {
      site = recordCookieChange(site, browserCookie({ name, domain }), false, 1);
    }
    expect(presentCookies(site).map((c) => `${c.name}@${c.domain}`)).toEqual([
      '_ga@.tco.re',
      'csrftoken@.tco.re',
      'csrftoken@data.tco.re',
    ]);
  });
});
