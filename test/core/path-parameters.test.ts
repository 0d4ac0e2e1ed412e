import { describe, expect, it } from 'vitest';
import { queryWithoutValues, withoutPathParameters } from '../../src/core/path-parameters.ts';

describe('withoutPathParameters', () => {
  it('drops a servlet session id carried in the path', () => {
    expect(withoutPathParameters('/login;jsessionid=9F1C2A7B3D4E5F60')).toBe('/login');
  });

  it('drops the parameters of every segment, up to the next slash', () => {
    expect(withoutPathParameters('/a;x=1/b;y')).toBe('/a/b');
    expect(withoutPathParameters('/a;x=1;y=2/b/c;z=3/')).toBe('/a/b/c/');
    expect(withoutPathParameters('/;jsessionid=X/cart')).toBe('//cart');
    expect(withoutPathParameters('/;')).toBe('/');
  });

  it('keeps a path without parameters as it is', () => {
    expect(withoutPathParameters('/explore/dataset/arbres/map/')).toBe('/explore/dataset/arbres/map/');
    expect(withoutPathParameters('')).toBe('');
  });

  it('keeps an encoded semicolon: %3B is data, not a parameter separator', () => {
    expect(withoutPathParameters('/a%3Bx=1/b')).toBe('/a%3Bx=1/b');
    expect(withoutPathParameters('/a%3bx=1;jsessionid=S/b')).toBe('/a%3bx=1/b');
  });

  it('ends on hostile input (100,000 semicolons, with and without slashes)', () => {
    expect(withoutPathParameters(`/a${';'.repeat(100_000)}`)).toBe('/a');
    expect(withoutPathParameters(';/'.repeat(100_000))).toBe('/'.repeat(100_000));
    expect(withoutPathParameters(`/${';x='.repeat(100_000)}/b`)).toBe('//b');
  });
});

describe('queryWithoutValues', () => {
  it('keeps the parameter names, never a value', () => {
    expect(queryWithoutValues(new URL('https://a.example/p?PHPSESSID=abc123&lang=fr&lang=en'))).toBe('?PHPSESSID=&lang=&lang=');
    expect(queryWithoutValues(new URL('https://a.example/p?a%20b=1&=x'))).toBe('?a%20b=&=');
    expect(queryWithoutValues(new URL('https://a.example/p'))).toBe('');
    expect(queryWithoutValues(new URL('https://a.example/p?'))).toBe('');
  });
});
