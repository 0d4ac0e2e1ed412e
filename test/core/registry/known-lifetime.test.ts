import { describe, expect, it } from 'vitest';
import {
  between,
  byDefault,
  DELETED_IMMEDIATELY,
  lasting,
  lifetimeInEnglish,
  NOT_VERIFIED,
  notStatedBy,
  SESSION,
} from '../../../src/core/registry/known-lifetime.ts';

describe('lifetimeInEnglish', () => {
  it('says each kind of lifetime in the words the report has always used', () => {
    expect(lifetimeInEnglish(lasting(1, 'minute'))).toBe('1 minute');
    expect(lifetimeInEnglish(lasting(365, 'day'))).toBe('365 days');
    expect(lifetimeInEnglish(between(30, 'second', 1, 'year'))).toBe('30 seconds to 1 year');
    expect(lifetimeInEnglish(byDefault(13, 'month', 'can be configured'))).toBe('13 months by default, can be configured');
    expect(lifetimeInEnglish(byDefault(30, 'day', 'modifiable'))).toBe('30 days by default, modifiable');
    expect(lifetimeInEnglish(SESSION)).toBe('Session');
    expect(lifetimeInEnglish(DELETED_IMMEDIATELY)).toBe('Deleted immediately');
    expect(lifetimeInEnglish(NOT_VERIFIED)).toBe('Not verified');
    expect(lifetimeInEnglish(notStatedBy('Disqus'))).toBe('Not stated by Disqus');
  });
});
