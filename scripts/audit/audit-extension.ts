/**
 * The build an audit loads: the audit build of its browser (scripts/audit-variant.ts), which
 * requires access to every site and webRequest, so the run sees cookies of embedded content
 * without a prompt headless Chromium could never answer. A site the extension does not record
 * by itself (a portal on its own domain) is added by name, as the popup's grant adds it: a copy
 * in a scratch folder, removed after the run.
 */
import { join } from 'node:path';
import { extensionDir, scratchDir } from '../browsers/browser-under-test.ts';
import { writeAuditVariant } from '../audit-variant.ts';
import { isPortalHost } from '../../src/core/portals.ts';
import { BUNDLED_PORTAL_HOSTS } from '../../src/core/registry/index.ts';

/** The build for `host`, and how to remove it when it is a copy. */
export function auditExtension(target: 'chrome' | 'firefox', host: string): { dir: string; remove: () => void } {
  const audit = extensionDir(`${target}-audit`);
  if (isPortalHost(host, BUNDLED_PORTAL_HOSTS)) return { dir: audit, remove: () => undefined };
  const scratch = scratchDir('extension');
  const dir = join(scratch.path, target);
  // Copied from the store build, so the copy is the shipped code with the audit manifest.
  writeAuditVariant(extensionDir(target), dir, [host]);
  return { dir, remove: scratch.remove };
}
