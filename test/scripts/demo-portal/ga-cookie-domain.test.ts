import { describe, expect, it } from 'vitest';
import { gaCookieDomain } from '../../../scripts/demo-portal/ga-cookie-domain.ts';

describe('gaCookieDomain', () => {
  it('writes on the host less its first label: the registrable domain of a portal of three labels', () => {
    expect(gaCookieDomain('demo.opendatasoft.com')).toBe('opendatasoft.com');
    expect(gaCookieDomain('data.tco.re')).toBe('tco.re');
  });

  it('writes on the host itself when its parent would be a public suffix of one label (tco.re, never re)', () => {
    expect(gaCookieDomain('tco.re')).toBe('tco.re');
    expect(gaCookieDomain('localhost')).toBe('localhost');
  });

  it('keeps a parent of their own for the data.NAME.opendatasoft.com portals, so they never share a _ga', () => {
    expect(gaCookieDomain('data.refus.opendatasoft.com')).toBe('refus.opendatasoft.com');
  });
});
