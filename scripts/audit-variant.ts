/**
 * The audit builds: `dist/chrome-audit/` and `dist/firefox-audit/`, copies of the store builds
 * whose manifest requires what the store builds only offer as optional grants (access to every
 * site, webRequest). Headless Chromium cannot answer a permission prompt, so an audit run could
 * never be given them otherwise (measured; README, "Third-party cookies"). Never zipped, never
 * shipped: the store packages keep the manifest people install.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_SITES_PATTERN } from '../src/core/host-patterns.ts';

/** The manifest keys this rewrite reads and writes. */
type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
};

/** Optional permissions the audit does not use, left optional: Firefox's DevTools panel (the audit opens no DevTools). */
const LEFT_OPTIONAL = ['devtools'];

/** The audit build's manifest: every optional permission it uses required, and access to every site. */
export function auditManifest(manifest: Manifest): Manifest {
  const { optional_permissions: optional = [], optional_host_permissions: _optionalHosts, ...rest } = manifest;
  const leftOptional = optional.filter((permission) => LEFT_OPTIONAL.includes(permission));
  const required = optional.filter((permission) => !LEFT_OPTIONAL.includes(permission));
  const permissions = [...new Set([...(manifest.permissions ?? []), ...required])];
  const host_permissions = [...new Set([ALL_SITES_PATTERN, ...(manifest.host_permissions ?? [])])];
  return { ...rest, permissions, host_permissions, ...(leftOptional.length > 0 ? { optional_permissions: leftOptional } : {}) };
}

/** Copies the build in `from` to `to` with the audit manifest (see `auditManifest`). */
export function writeAuditVariant(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as Manifest;
  writeFileSync(join(to, 'manifest.json'), `${JSON.stringify(auditManifest(manifest), null, 2)}\n`);
}
