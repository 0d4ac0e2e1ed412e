/**
 * The floor is the least a popup can be: its line painted from its HTML, as our loading shell is,
 * not by a script; its script writes its worker's answer in a second line, named for Element Timing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOOR_ANSWER_TIMING, FLOOR_FILES, writeFloorExtension } from '../../../scripts/bench/floor-extension.ts';

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
});
