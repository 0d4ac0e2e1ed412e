import { describe, expect, it } from 'vitest';
import { lazy } from '../../src/core/lazy.ts';

describe('lazy', () => {
  it('builds nothing until first asked', () => {
    let builds = 0;
    lazy(() => ++builds);
    expect(builds).toBe(0);
  });

  it('builds once, then gives the same value', () => {
    let builds = 0;
    const value = lazy(() => ({ build: ++builds }));
    const first = value();
    expect(value()).toBe(first);
    expect(builds).toBe(1);
  });

  it('keeps a built undefined without building again', () => {
    let builds = 0;
    const value = lazy(() => {
      builds++;
      return undefined;
    });
    value();
    value();
    expect(builds).toBe(1);
  });

  it('builds again on the next call when a build threw', () => {
    let builds = 0;
    const value = lazy(() => {
      if (++builds === 1) throw new Error('first build fails');
      return builds;
    });
    expect(() => value()).toThrow('first build fails');
    expect(value()).toBe(2);
  });
});
