import { describe, expect, it } from 'vitest';
import {
  isOtherConsentManagerRecord,
  OTHER_CONSENT_MANAGER_NAMES,
  OTHER_CONSENT_MANAGER_PREFIXES,
} from '../../../src/core/consent/other-consent-managers.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { PLATFORM_COOKIE_NAMES } from '../../../src/core/report/platform-cookies.ts';

describe('other consent managers’ records', () => {
  const rows = bundledOpenCookieDatabaseRows();

  it('takes every name but tarteaucitron’s from the bundled Open Cookie Database, where it is a functional cookie', () => {
    for (const [manager, names] of Object.entries(OTHER_CONSENT_MANAGER_NAMES)) {
      if (manager === 'tarteaucitron') continue; // not in the database: tarteaucitron.js's default `cookieName`
      for (const name of names) {
        expect(
          rows.filter((row) => row.name === name && !row.wildcard).map((row) => row.category),
          name,
        ).toContain('Functional');
      }
    }
    for (const prefix of OTHER_CONSENT_MANAGER_PREFIXES)
      expect(
        rows.some((row) => row.name.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  it('knows the records of the consent managers the reviewer named, exactly and by prefix, with case', () => {
    for (const name of [
      'axeptio_cookies',
      'axeptio_authorized_vendors',
      'OptanonConsent',
      'OptanonAlertBoxClosed',
      'didomi_token',
      'CookieConsent',
      'tarteaucitron',
      'euconsent-v2',
      'cookieyes-consent',
      'cmplz_marketing',
      'cmplz_banner-status',
      'borlabs-cookie',
      '_iub_cs-12345',
      'TC_PRIVACY',
      'TC_PRIVACY_CENTER',
      'TC_OUTPUT',
      'TC_OUTPUT_categories',
    ])
      expect(isOtherConsentManagerRecord(name), name).toBe(true);
    // Commanders Act's visitor IDs and cookie test keep no choice (the database's TCIPD, TCID, TC_CHECK_COOKIES_SUPPORT).
    for (const name of [
      'optanonconsent',
      'cookieconsent',
      'axeptio',
      'cmplz',
      'euconsent',
      '_ga',
      'tc_privacy',
      'TCIPD',
      'TCID',
      'TC_CHECK_COOKIES_SUPPORT',
      ...PLATFORM_COOKIE_NAMES,
    ])
      expect(isOtherConsentManagerRecord(name), name).toBe(false);
  });
});
