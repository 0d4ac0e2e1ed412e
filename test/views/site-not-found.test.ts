import { describe, expect, it } from 'vitest';
import { SiteNotFound } from '../../src/views/site-not-found.ts';

describe('SiteNotFound', () => {
  it('is an error of its own kind, carrying the message to show', () => {
    const error = new SiteNotFound('There is no tab 999: it may have been closed.');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(SiteNotFound);
    expect(error.name).toBe('SiteNotFound');
    expect(error.message).toBe('There is no tab 999: it may have been closed.');
  });
});
