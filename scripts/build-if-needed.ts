/** Builds the extension unless dist/ is newer than every source it is made from. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root, found from this file, not from the current folder: the audit may be run
 * from anywhere (`cd docs && npx tsx ../scripts/audit/main.ts`), and its build is the package's.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time under the paths the build reads. */
function newestSource(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(readdirSync(path).map((name) => join(path, name))) : stat.mtimeMs);
  }
  return newest;
}

/**
 * What the build reads: the extension's sources and data, the build's own scripts (scripts/build.ts
 * and what it and vite.config.ts import) and the notices copied into the packages. Not the rest of
 * scripts/ (the audit, the census, the bench), which the build never reads.
 */
export const BUILD_SOURCES = [
  'src',
  'public',
  'icons',
  'manifest.json',
  'vite.config.ts',
  'data',
  'package-lock.json',
  'charters',
  'LICENSE',
  'scripts/build.ts',
  'scripts/audit-variant.ts',
  'scripts/classic-worker.ts',
  'scripts/lazy-entity-decode-tree.ts',
  'scripts/inline-page-css.ts',
];

/** Runs scripts/build.ts when dist/<target> is missing or older than its sources; returns whether it built. */
export function buildIfNeeded(target: 'chrome' | 'firefox', log: (message: string) => void): boolean {
  // The audit build is written last: when it is there and fresh, so is the rest.
  const manifest = join(PACKAGE_ROOT, `dist/${target}-audit/manifest.json`);
  const sources = newestSource(BUILD_SOURCES.map((source) => join(PACKAGE_ROOT, source)));
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= sources) return false;
  log('building the extension…');
  const build = spawnSync(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'scripts/build.ts')], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('the extension build failed (run `npm run build` to see why)');
  return true;
}
