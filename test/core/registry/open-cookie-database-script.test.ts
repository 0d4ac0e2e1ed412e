import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { OPEN_COOKIE_DATABASE_FILES } from '../../../src/core/registry/open-cookie-database-document.ts';
import {
  documentTextOfScript,
  OPEN_COOKIE_DATABASE_GLOBAL,
  openCookieDatabaseScript,
} from '../../../src/core/registry/open-cookie-database-script.ts';

const generated = readFileSync(OPEN_COOKIE_DATABASE_FILES.generated, 'utf8');

describe('the Open Cookie Database script', () => {
  it('sets its global to the generated document, byte for byte, when run', () => {
    const scope: Record<string, unknown> = {};
    runInNewContext(openCookieDatabaseScript(generated), { self: scope });
    expect(scope[OPEN_COOKIE_DATABASE_GLOBAL]).toBe(generated);
  });

  it('gives the same text back without being run', () => {
    expect(documentTextOfScript(openCookieDatabaseScript(generated))).toBe(generated);
    // Characters a script or JSON could trip on travel as they are.
    const awkward = '"quoted" \\ back\u2028slash </script> é ’';
    expect(documentTextOfScript(openCookieDatabaseScript(awkward))).toBe(awkward);
  });

  it('refuses any other text', () => {
    expect(() => documentTextOfScript('<!doctype html><p>Not found</p>')).toThrow(/not the database script/);
    expect(() => documentTextOfScript(`self.${OPEN_COOKIE_DATABASE_GLOBAL}=42;`)).toThrow(/does not set a text/);
    expect(() => documentTextOfScript(`self.${OPEN_COOKIE_DATABASE_GLOBAL}="cut`)).toThrow(/not the database script/);
  });
});
