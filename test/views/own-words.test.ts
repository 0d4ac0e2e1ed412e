import { describe, expect, it } from 'vitest';
import { around, foreignLanguage } from '../../src/views/own-words.ts';

describe('own words', () => {
  it('marks words with their language where it is not the page’s', () => {
    expect(foreignLanguage('fr', 'en')).toBe('fr');
    expect(foreignLanguage('fr', 'en-GB')).toBe('fr');
    expect(foreignLanguage('en', 'fr-CA')).toBe('en');
  });

  it('marks nothing where they are in the page’s language, or in one unknown', () => {
    expect(foreignLanguage('fr', 'fr')).toBeNull();
    expect(foreignLanguage('fr', 'fr-BE')).toBeNull();
    expect(foreignLanguage(null, 'en')).toBeNull();
    expect(foreignLanguage(undefined, 'en')).toBeNull();
  });

  it('splits a sentence around the words it substitutes', () => {
    expect(around((mark) => `The charter says “${mark}”.`, 'x')).toEqual(['The charter says “', 'x', '”.']);
    expect(around((mark) => `${mark} first`, 'x')).toEqual(['', 'x', ' first']);
  });

  it('keeps a sentence that does not say the words whole, without them', () => {
    expect(around(() => 'no substitution here', 'x')).toEqual(['no substitution here', null, '']);
  });
});
