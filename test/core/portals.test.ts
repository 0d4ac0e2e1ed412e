import { describe, expect, it } from 'vitest';
import { isPlatformHost, isPortalHost, webHost } from '../../src/core/portals.ts';

describe('portal hosts', () => {
  const bundled = new Set(['data.tco.re']);

  it('knows platform sub-domains under both company names', () => {
    expect(isPlatformHost('demo.opendatasoft.com')).toBe(true);
    expect(isPlatformHost('DEMO.Huwise.com')).toBe(true);
    expect(isPlatformHost('opendatasoft.com.evil.org')).toBe(false);
    expect(isPlatformHost('notopendatasoft.com')).toBe(false);
  });

  it('counts bundled hosts as portals', () => {
    expect(isPortalHost('data.tco.re', bundled)).toBe(true);
    expect(isPortalHost('tco.re', bundled)).toBe(false);
  });

  it('reads a host ending with the root’s dot as the same portal (`https://data.tco.re./`)', () => {
    expect(isPortalHost(webHost('https://data.tco.re./')!, bundled)).toBe(true);
    expect(isPlatformHost(webHost('https://ITIE.opendatasoft.com./')!)).toBe(true);
    expect(isPlatformHost('www.opendatasoft.com.')).toBe(false);
    expect(isPortalHost('tco.re.', bundled)).toBe(false);
  });

  it('reads the host of web pages only', () => {
    expect(webHost('https://Data.TCO.re/explore/?q=1')).toBe('data.tco.re');
    expect(webHost('chrome://extensions')).toBeNull();
    expect(webHost('not a url')).toBeNull();
    expect(webHost(undefined)).toBeNull();
  });
});

describe('isPlatformHost, host by host', () => {
  it.each([
    ['itie.opendatasoft.com', true],
    ['anything.huwise.com', true],
    ['a.b.opendatasoft.com', true],
    ['opendatasoft.com', false],
    ['www.opendatasoft.com', false],
    ['www.huwise.com', false],
    ['evilopendatasoft.com', false],
    ['data.nantesmetropole.fr', false],
    ['opendatasoft.com.example.org', false],
  ])('%s -> %s', (host, expected) => {
    expect(isPlatformHost(host)).toBe(expected);
  });
});
