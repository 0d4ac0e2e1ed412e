import { describe, expect, it } from 'vitest';
import { KNOWN_TRACKERS } from '../../../src/core/registry/known-trackers.ts';
import {
  KNOWN_COOKIE_NAMES,
  KNOWN_FAMILY_PREFIXES,
  KNOWN_PROVIDERS,
  isKnownCookieName,
  knownCookieNameLengthsAt,
  knownProviderLengthsAt,
  shortestKnownCookieNameLengthAt,
} from '../../../src/core/charter/known.ts';

describe('knownProviderLengthsAt', () => {
  it('lists every known provider the text starts with there, longest first, in any case', () => {
    expect(knownProviderLengthsAt('Google Analytics _ga', 0)).toEqual(['Google Analytics'.length, 'Google'.length]);
    expect(knownProviderLengthsAt('xx OPENDATASOFT', 3)).toEqual(['Opendatasoft'.length]);
    expect(knownProviderLengthsAt('reCAPTCHA/Google _GRECAPTCHA', 0)).toEqual(['reCAPTCHA/Google'.length, 'reCAPTCHA'.length]);
  });

  it('is empty for an unknown provider', () => {
    expect(knownProviderLengthsAt('Acme _acme', 0)).toEqual([]);
  });

  it('covers the providers the format guide names', () => {
    for (const provider of [
      'Opendatasoft',
      'Huwise',
      'Google',
      'Google Analytics',
      'Matomo',
      'AT Internet',
      'Xiti',
      'Disqus',
      'Mapbox',
      'Thunderforest',
      'reCAPTCHA/Google',
      'Hotjar',
      'HubSpot',
    ]) {
      expect(KNOWN_PROVIDERS, provider).toContain(provider);
    }
  });
});

describe('isKnownCookieName', () => {
  it('knows the platform’s and the trackers’ names, with case', () => {
    for (const name of [
      'sessionid',
      'csrftoken',
      'cookies_preferences',
      'django_language',
      '_ga',
      '_pk_id',
      'atuserid',
      'xtvrn',
      '_hjid',
      'hubspotutk',
    ]) {
      expect(isKnownCookieName(name), name).toBe(true);
    }
    expect(isKnownCookieName('SESSIONID')).toBe(false);
    expect(isKnownCookieName('session')).toBe(false);
  });
});

describe('shortestKnownCookieNameLengthAt', () => {
  it('is the first of knownCookieNameLengthsAt at every position, or 0', () => {
    const text = 'Matomo_pk_id.*, _pk_ses.*13 monthsdjango_languagesessionidcsrftoken_ga_<ID>… “_gid”';
    for (let position = 0; position <= text.length; position++) {
      expect(shortestKnownCookieNameLengthAt(text, position), `at ${position}`).toBe(knownCookieNameLengthsAt(text, position)[0] ?? 0);
    }
    expect(shortestKnownCookieNameLengthAt('_pk_ses', 0)).toBe('_pk_ses'.length);
    expect(shortestKnownCookieNameLengthAt('acme', 0)).toBe(0);
  });

  it('finds every known name, each starting with an ASCII character (what its table of first characters holds)', () => {
    for (const name of KNOWN_COOKIE_NAMES) {
      expect(name.charCodeAt(0), name).toBeLessThan(0x80);
      expect(shortestKnownCookieNameLengthAt(`é${name}`, 1), name).toBe(knownCookieNameLengthsAt(name, 0)[0]);
    }
  });
});

describe('KNOWN_COOKIE_NAMES', () => {
  it('names every cookie of the known-tracker table (a family by its name without the separator), but two plain words and a stem found inside capitals', () => {
    const listed = new Set(KNOWN_COOKIE_NAMES);
    const missing = KNOWN_TRACKERS.map((tracker) => tracker.cookie).filter(
      (cookie) => !listed.has(cookie) && !listed.has(cookie.replace(/[._]$/, '')),
    );
    expect(missing).toEqual(['atid', 'testCookie', 'NSC_']);
  });
});

describe('KNOWN_FAMILY_PREFIXES', () => {
  it('are the known-tracker table’s families, each once', () => {
    const families = KNOWN_TRACKERS.filter((tracker) => tracker.match === 'prefix').map((tracker) => tracker.cookie);
    expect([...KNOWN_FAMILY_PREFIXES].sort()).toEqual([...new Set(families)].sort());
    expect(new Set(KNOWN_FAMILY_PREFIXES).size).toBe(KNOWN_FAMILY_PREFIXES.length);
  });
});
