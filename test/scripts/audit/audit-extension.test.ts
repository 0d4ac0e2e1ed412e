import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditExtension } from '../../../scripts/audit/audit-extension.ts';

// Reads the builds: `npm test` builds before the unit tests run.
describe.runIf(existsSync('dist/chrome-audit/manifest.json'))('the build an audit loads', () => {
  it('is the audit build itself, every site granted: a portal on its own domain is recorded as any site', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const build = auditExtension(target);
      expect(build.dir).toMatch(new RegExp(`dist/${target}-audit$`));
      const manifest = JSON.parse(readFileSync(join(build.dir, 'manifest.json'), 'utf8')) as { host_permissions: string[] };
      expect(manifest.host_permissions).toContain('*://*/*');
      build.remove();
      expect(existsSync(join(build.dir, 'manifest.json'))).toBe(true);
    }
  });
});
