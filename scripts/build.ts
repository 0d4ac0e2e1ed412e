/**
 * Builds both browser packages from the one manifest source:
 *   dist/chrome/, dist/firefox/            unpacked, manifest.json at their root
 *   dist/cookie-charter-inspector-<browser>-<version>.zip   ready for the stores
 *   dist/chrome-audit/, dist/firefox-audit/   the audit's copies, every optional grant required (never zipped)
 */
import { build } from 'vite';
import { zipSync } from 'fflate';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OPEN_COOKIE_DATABASE_FILES, OPEN_COOKIE_DATABASE_SOURCE } from '../src/core/registry/index.ts';
import { writeAuditVariant } from './audit-variant.ts';
import { buildClassicWorker } from './classic-worker.ts';

const targets = ['chrome', 'firefox'] as const;

/** Files copied into the packages: third-party data and code, with the licence and source notes that must travel with them. */
const BUNDLED_NOTICES: Array<[from: string, to: string]> = [
  [OPEN_COOKIE_DATABASE_SOURCE.licenceFile, OPEN_COOKIE_DATABASE_FILES.packagedLicence],
  ['data/open-cookie-database/SOURCE.md', 'licenses/open-cookie-database/SOURCE.md'],
  // The bundled registry quotes the portals' charters: their sources and rights travel with it.
  ['charters/NOTICE.md', 'licenses/charters/NOTICE.md'],
  ['LICENSE', 'licenses/cookie-charter-inspector/LICENSE'],
  // The pages load it where the browser has no `browser` namespace, and so does Chrome's worker (its own file there).
  ['node_modules/webextension-polyfill/LICENSE', 'licenses/webextension-polyfill/LICENSE'],
];

/** Every file under `dir`, keyed by its path inside the zip (forward slashes, as stores expect). */
function filesUnder(dir: string, root = dir, files: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path, root, files);
    else files[relative(root, path).split('\\').join('/')] = readFileSync(path);
  }
  return files;
}

const { version } = JSON.parse(readFileSync('manifest.json', 'utf8')) as { version: string };
for (const target of targets) {
  await build({ mode: target === 'firefox' ? 'firefox' : 'production', logLevel: 'warn' });
  await buildClassicWorker(`dist/${target}`, target);
  for (const [from, to] of BUNDLED_NOTICES) {
    mkdirSync(join(`dist/${target}`, to, '..'), { recursive: true });
    copyFileSync(from, join(`dist/${target}`, to));
  }
  const zipPath = `dist/cookie-charter-inspector-${target}-${version}.zip`;
  // A fixed timestamp keeps the archive byte-identical between builds of the same source.
  const mtime = new Date('2025-01-01T00:00:00Z');
  writeFileSync(zipPath, zipSync(filesUnder(`dist/${target}`), { level: 9, mtime }));
  // After the zip: the store package is made from the shipped manifest only.
  writeAuditVariant(`dist/${target}`, `dist/${target}-audit`);
  console.log(`built dist/${target}/, ${zipPath} and dist/${target}-audit/`);
}
