import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_SOURCES } from '../../scripts/build-if-needed.ts';

/** The project's own files `file` imports (relative imports), as paths from the project's root. */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)].map((match) => normalize(join(dirname(file), match[1]!)));
}

describe('buildIfNeeded', () => {
  it('watches every script the build runs, so `npm start` never audits with a build older than them', () => {
    const seen = new Set<string>();
    const queue = ['scripts/build.ts', 'vite.config.ts'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      // The extension's sources are watched as folders (src/, data/, …); the build's scripts one by one.
      if (file.startsWith('scripts/') || file === 'vite.config.ts')
        queue.push(...localImports(file).filter((path) => path.endsWith('.ts')));
    }
    const watched = (file: string) => BUILD_SOURCES.some((source) => file === source || file.startsWith(`${source}/`));
    expect([...seen].filter((file) => !watched(file))).toEqual([]);
    expect(BUILD_SOURCES.filter((source) => !existsSync(source))).toEqual([]);
  });

  it('watches the notices the build copies into the packages', () => {
    const build = readFileSync('scripts/build.ts', 'utf8');
    for (const copied of ['charters/NOTICE.md', 'LICENSE', 'data/open-cookie-database/SOURCE.md'])
      expect([build.includes(`'${copied}'`), BUILD_SOURCES.some((source) => copied === source || copied.startsWith(`${source}/`))]).toEqual(
        [true, true],
      );
  });
});
