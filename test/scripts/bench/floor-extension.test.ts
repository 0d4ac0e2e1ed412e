/**
 * The floor is the least a popup can be: its line painted from its HTML, as our loading shell is,
 * not by a script; its script writes its worker's answer in a second line, named for Element Timing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FLOOR_ANSWER_TIMING,
  FLOOR_FILES,
  FLOOR_ROWS_KEY,
  FLOOR_ROWS_TIMING,
  floorRows,
  writeFloorExtension,
} from '../../../scripts/bench/floor-extension.ts';
import { FIRST_PAGE } from '../../../src/core/message-contract.ts';

let written: ReturnType<typeof writeFloorExtension> | undefined;
afterEach(() => written?.remove());

describe('the bench floor', () => {
  it.each(['chrome', 'firefox'] as const)('paints its first line from its HTML, its script only the worker’s answer (%s)', (target) => {
    written = writeFloorExtension(target);
    const html = readFileSync(join(written.dir, FLOOR_FILES.popup), 'utf8');
    const script = readFileSync(join(written.dir, FLOOR_FILES.popupScript), 'utf8');
    expect(html).toMatch(/<body>\s*<p>Bench floor: one line\.<\/p>\s*<\/body>/);
    expect(script).not.toMatch(/innerHTML|Bench floor/);
    // The answer's line is written once the worker answered, and named for Element Timing.
    const answered = script.indexOf('.then(');
    expect(answered).toBeGreaterThan(script.indexOf('runtime.sendMessage'));
    expect(script.indexOf('createElement')).toBeGreaterThan(answered);
    expect(script).toContain(`setAttribute('elementtiming', '${FLOOR_ANSWER_TIMING}')`);
  });

  it.each(['chrome', 'firefox'] as const)('has a rows page: the same line, then rows read from storage.session as text (%s)', (target) => {
    written = writeFloorExtension(target);
    const html = readFileSync(join(written.dir, FLOOR_FILES.rows), 'utf8');
    const script = readFileSync(join(written.dir, FLOOR_FILES.rowsScript), 'utf8');
    expect(html).toMatch(/<body>\s*<p>Bench floor: one line\.<\/p>\s*<\/body>/);
    expect(html).toContain(`src="${FLOOR_FILES.rowsScript}"`);
    const api = target === 'firefox' ? 'browser' : 'chrome';
    expect(script).toContain(`${api}.storage.session.get('${FLOOR_ROWS_KEY}')`);
    expect(script).not.toMatch(/innerHTML|sendMessage/);
    expect(script).toContain('textContent = text');
    // The first row is the one named for Element Timing, written once storage answered.
    expect(script.indexOf(`setAttribute('elementtiming', '${FLOOR_ROWS_TIMING}')`)).toBeGreaterThan(script.indexOf('.then('));
    const manifest = JSON.parse(readFileSync(join(written.dir, 'manifest.json'), 'utf8')) as { permissions: string[] };
    expect(manifest.permissions).toEqual(['storage']);
  });

  it('gives the rows page a first page of real charter rows: cookie, provider, service, purpose', () => {
    const rows = floorRows();
    expect(rows).toHaveLength(FIRST_PAGE.cookies);
    expect(rows[0]).toEqual([
      'sessionid',
      'Opendatasoft',
      'Authentification (front et back office)',
      "Se souvenir de l'utilisateur d'une page à une autre.",
    ]);
    for (const row of rows) expect(row.every((text) => typeof text === 'string')).toBe(true);
  });
});
