import { describe, expect, it } from 'vitest';
import { decodeConsent, phaseOf } from '../../../src/core/report/consent.ts';

describe('decodeConsent', () => {
  it.each([
    [encodeURIComponent(JSON.stringify({ matomo: true })), 'accepted'],
    [encodeURIComponent(JSON.stringify({ matomo: false, ga: false })), 'refused'],
    [JSON.stringify({ statistics: { matomo: true, ga: false } }), 'choice'],
    ['ga:1,matomo:1', 'accepted'],
    ['matomo=false', 'refused'],
    ['accepted', 'accepted'],
    [btoa(JSON.stringify({ xiti: 'denied' })), 'refused'],
    ['', 'choice'],
    ['%E0%A4%A', 'choice'],
    ['{"a":', 'choice'],
    ['x'.repeat(100_000), 'choice'],
  ])('reads %j as %s', (value, state) => {
    expect(decodeConsent(value)).toBe(state);
  });

  it('treats a missing value as a recorded choice', () => {
    expect(decodeConsent(undefined)).toBe('choice');
  });

  it('maps states to phases', () => {
    expect(['none', 'accepted', 'refused', 'choice'].map((s) => phaseOf(s as never))).toEqual([
      'before-choice',
      'after-accept',
      'after-refuse',
      'after-choice',
    ]);
  });
});
