import { describe, expect, it } from 'vitest';
import { hostOfPattern, hostPattern, isHostName } from '../../src/core/host-patterns.ts';

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

describe('host names', () => {
  it('take a site’s host as a tab’s address gives it, in any case, its root dot kept, an IP address too', () => {
    for (const host of [
      'data.tco.re',
      'Data.TCO.re',
      'data.tco.re.',
      'itie.opendatasoft.com',
      'localhost',
      '127.0.0.1',
      '[::1]',
      '_dmarc.example.org',
    ]) {
      expect(isHostName(host), host).toBe(true);
    }
  });

  it('refuse what names no one site: nothing, a wildcard, an address with a path, port or user, markup, spaces', () => {
    for (const host of [
      '',
      '.',
      '..',
      '*.opendatasoft.com',
      '*',
      'data.tco.re/x',
      'data.tco.re:443',
      'user@data.tco.re',
      'data.tco.re?q',
      'data.tco.re#x',
      'http://data.tco.re',
      '<img src=x>',
      '<b>x</b>',
      ' data.tco.re',
      'data.tco.re ',
      'data\ttco.re',
      'café.fr',
      'a%41.fr',
      '1.2.3',
    ]) {
      expect(isHostName(host), JSON.stringify(host)).toBe(false);
    }
  });
});
