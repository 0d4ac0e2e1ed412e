import { describe, expect, it } from 'vitest';
import { barePairOfBrowserVersion, barePairOfFirefoxVersion } from '../../../src/core/network/bare-pair.ts';

describe('the reading of a Set-Cookie pair without "=" a browser version calls for', () => {
  it('takes it for the cookie’s name only in a Firefox known to name such a cookie (153 on, not a Nightly of 153)', () => {
    expect(barePairOfBrowserVersion('153.0')).toBe('name');
    expect(barePairOfFirefoxVersion('160.0a1')).toBe('name');
    for (const version of ['140.0', '140.6.0', '152.0.2', '153.0a1', 'Firefox', ''])
      expect(barePairOfBrowserVersion(version)).toBe('value');
  });

  it('reads it as a nameless cookie’s value in a browser with no version to give (Chromium)', () => {
    expect(barePairOfBrowserVersion(null)).toBe('value');
  });
});
