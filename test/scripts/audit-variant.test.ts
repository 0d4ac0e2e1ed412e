import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditManifest, writeAuditVariant } from '../../scripts/audit-variant.ts';
import { scratchDir } from '../../scripts/browsers/browser-under-test.ts';
import { manifestFor } from '../../vite.config.ts';

const source = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, unknown>;
const scratch = scratchDir('audit-variant');
afterAll(() => scratch.remove());

describe('audit build', () => {
  it('requires what the store build offers as optional grants: webRequest and every site', () => {
    const manifest = auditManifest(source);
    expect(manifest.permissions).toEqual([...(source.permissions as string[]), 'webRequest']);
    expect(manifest.host_permissions?.[0]).toBe('*://*/*');
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(source.host_permissions as string[]));
    expect(manifest).not.toHaveProperty('optional_permissions');
    expect(manifest).not.toHaveProperty('optional_host_permissions');
    expect(manifest.background).toEqual(source.background);
  });

  it('leaves Firefox’s DevTools panel optional: the audit opens no DevTools', () => {
    const manifest = auditManifest(manifestFor('firefox') as unknown as Record<string, unknown>);
    expect(manifest.permissions).toContain('webRequest');
    expect(manifest.permissions).not.toContain('devtools');
    expect(manifest.optional_permissions).toEqual(['devtools']);
  });

  it('copies a build with the rewritten manifest and leaves the original alone', () => {
    const from = join(scratch.path, 'from');
    mkdirSync(join(from, 'assets'), { recursive: true });
    writeFileSync(join(from, 'manifest.json'), JSON.stringify(source));
    writeFileSync(join(from, 'assets', 'a.js'), 'x');
    const to = join(scratch.path, 'to');
    mkdirSync(to, { recursive: true });
    writeFileSync(join(to, 'stale.js'), 'y');
    writeAuditVariant(from, to);
    expect(existsSync(join(to, 'stale.js'))).toBe(false);
    expect(readFileSync(join(to, 'assets', 'a.js'), 'utf8')).toBe('x');
    expect(JSON.parse(readFileSync(join(to, 'manifest.json'), 'utf8'))).toEqual(auditManifest(source));
    expect(JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8'))).toEqual(source);
  });
});
