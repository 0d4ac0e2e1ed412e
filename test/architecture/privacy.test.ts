import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('privacy guards', () => {
  const files = sourceFiles('src').map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('never touches storage.local or storage.sync: records, private windows included, stay in memory', () => {
    for (const { path, text } of files) expect(text, path).not.toMatch(/storage\.(local|sync)\b/);
  });

  it('never reads a cookie value outside the consent decoder', () => {
    const readers = files.filter(({ text }) => /cookie\.value\b/.test(text)).map(({ path }) => path);
    expect(readers).toEqual([join('src', 'core', 'cookies', 'site-record.ts')]);
  });
});
