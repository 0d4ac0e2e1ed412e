import { describe, expect, it } from 'vitest';
import { isDomainOrSubdomain, normalizeDomain } from '../../../src/core/registry/cookie-domain.ts';

describe('normalizeDomain', () => {
  it('trims, lower-cases, and drops a domain cookie’s leading dot and a trailing root dot', () => {
    expect(normalizeDomain('  .Toulouse-Metropole.FR. ')).toBe('toulouse-metropole.fr');
    expect(normalizeDomain('data.tco.re')).toBe('data.tco.re');
    expect(normalizeDomain('...')).toBe('');
  });
});

describe('isDomainOrSubdomain', () => {
  it('compares whole labels', () => {
    expect(isDomainOrSubdomain('instagram.com', 'instagram.com')).toBe(true);
    expect(isDomainOrSubdomain('www.instagram.com', 'instagram.com')).toBe(true);
    expect(isDomainOrSubdomain('notinstagram.com', 'instagram.com')).toBe(false);
    expect(isDomainOrSubdomain('instagram.com', 'www.instagram.com')).toBe(false);
  });
});
