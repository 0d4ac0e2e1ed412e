import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditExtension } from '../../../scripts/audit/audit-extension.ts';

// Reads the builds: `npm test` builds before the unit tests run.
describe.runIf(existsSync('dist/chrome-audit/manifest.json'))('the build an audit loads', () => {
  it('is the audit build itself for a site the extension records anyway', () => {
    const build = auditExtension('chrome', 'data.tco.re');
    expect(build.dir).toMatch(/dist\/chrome-audit$/);
    build.remove();
    expect(existsSync('dist/chrome-audit/manifest.json')).toBe(true);
  });

  it('is a copy that names a portal on its own domain, as the popup’s grant does, removed after the run', () => {
    const build = auditExtension('firefox', 'opendata.example.org');
    const manifest = JSON.parse(readFileSync(join(build.dir, 'manifest.json'), 'utf8')) as {
      host_permissions: string[];
      permissions: string[];
    };
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(['*://*/*', '*://opendata.example.org/*']));
    expect(manifest.permissions).toContain('webRequest');
    build.remove();
    expect(existsSync(build.dir)).toBe(false);
  });
});
