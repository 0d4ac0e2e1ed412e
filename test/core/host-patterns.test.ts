import { describe, expect, it } from 'vitest';
import { hostOfPattern, hostPattern } from '../../src/core/host-patterns.ts';

describe('host patterns', () => {
  it('grant one host over http and https', () => {
    expect(hostPattern('opendata.example.org')).toBe('*://opendata.example.org/*');
  });

  it('read back the one host a pattern grants', () => {
    expect(hostOfPattern(hostPattern('opendata.example.org'))).toBe('opendata.example.org');
    expect(hostOfPattern('https://data.tco.re/*')).toBe('data.tco.re');
  });

  it('name no host for wildcards or other shapes', () => {
    for (const pattern of ['*://*.opendatasoft.com/*', '*://*/*', '<all_urls>', '*://data.tco.re/path*']) {
      expect(hostOfPattern(pattern), pattern).toBeNull();
    }
  });
});
