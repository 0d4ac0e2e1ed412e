import { describe, expect, it } from 'vitest';
import { typedInFolder, typedPathPlace } from '../../../scripts/audit/typed-path.ts';

describe('typedInFolder', () => {
  it("is npm's INIT_CWD when set within the current folder (npm runs a script from the package's root above it), else the current folder", () => {
    expect(typedInFolder({ INIT_CWD: '/home/me/docs' }, '/home/me')).toBe('/home/me/docs');
    expect(typedInFolder({ INIT_CWD: '/home/me' }, '/home/me')).toBe('/home/me');
    expect(typedInFolder({}, '/home/me')).toBe('/home/me');
    expect(typedInFolder({ INIT_CWD: '' }, '/home/me')).toBe('/home/me');
  });

  it('is the current folder for a process started outside it under an npm script (an INIT_CWD inherited)', () => {
    expect(typedInFolder({ INIT_CWD: '/home/me/project' }, '/tmp/scratch')).toBe('/tmp/scratch');
    expect(typedInFolder({ INIT_CWD: '/home/me' }, '/home/me/project')).toBe('/home/me/project');
    expect(typedInFolder({ INIT_CWD: '/home/me/..project' }, '/home/me')).toBe('/home/me/..project');
  });
});

describe('typedPathPlace', () => {
  it('reads a relative path from the folder it was typed in, an absolute one as it is', () => {
    expect(typedPathPlace('mylist.txt', '/home/me/docs')).toBe('/home/me/docs/mylist.txt');
    expect(typedPathPlace('../out', '/home/me/docs')).toBe('/home/me/out');
    expect(typedPathPlace('/tmp/out', '/home/me/docs')).toBe('/tmp/out');
  });
});
