import { describe, expect, it } from 'vitest';
import { categoryFromOpenCookieDatabase } from '../../../src/core/registry/open-cookie-database-category.ts';

describe('categoryFromOpenCookieDatabase', () => {
  it.each([
    ['Necessary', 'necessary'],
    ['Functional', 'other'],
    ['Security', 'necessary'],
    ['Analytics', 'statistics'],
    ['Marketing', 'third-party'],
    ['Personalization', 'other'],
    ['', 'other'],
  ] as const)('maps %s to %s', (upstream, category) => {
    expect(categoryFromOpenCookieDatabase(upstream)).toBe(category);
  });
});
