/** The floor is the least a popup can be: its line painted from its HTML, as our loading shell is, not by a script. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOOR_FILES, writeFloorExtension } from '../../../scripts/bench/floor-extension.ts';

let written: ReturnType<typeof writeFloorExtension> | undefined;
afterEach(() => written?.remove());

describe('the bench floor', () => {
  it.each(['chrome', 'firefox'] as const)('paints its one line from its HTML, its script only asks the worker (%s)', (target) => {
    written = writeFloorExtension(target);
    const html = readFileSync(join(written.dir, FLOOR_FILES.popup), 'utf8');
    const script = readFileSync(join(written.dir, FLOOR_FILES.popupScript), 'utf8');
    expect(html).toMatch(/<body>\s*<p>Bench floor: one line\.<\/p>\s*<\/body>/);
    expect(script).not.toMatch(/createElement|append|textContent|innerHTML/);
    expect(script).toContain('runtime.sendMessage');
  });
});
