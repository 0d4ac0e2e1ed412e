import { describe, expect, it } from 'vitest';
import { CharterError } from '../../../src/core/charter/errors.ts';

describe('CharterError', () => {
  it('is an Error with its own name, its message and a machine-readable kind', () => {
    const error = new CharterError('the text holds no cookie table', 'no-table');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CharterError');
    expect(error.message).toBe('the text holds no cookie table');
    expect(error.kind).toBe('no-table');
    expect(String(error)).toBe('CharterError: the text holds no cookie table');
  });
});
