/**
 * The floor: the least an MV3 extension can be, generated at bench time in a scratch folder and
 * loaded beside ours in the same headless Chromium with the same flags. Its popup paints one line
 * from its HTML, asks its worker one question and writes the answer in a second line; its worker
 * notes when its first line ran and answers. A second page of it paints the same line, reads a
 * first page of cookie rows from storage.session and writes them as plain list items: the least
 * a popup that shows a kept report's first page can do. Our figures are reported as ratios to its figures,
 * taken in the same run, alternating with ours: the machine's speed and load divide out, which
 * absolute milliseconds never did.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../browsers/browser-under-test.ts';
import { FIRST_PAGE } from '../../src/core/message-contract.ts';
import { BUNDLED_CHARTERS } from '../../src/core/registry/index.ts';

/** The floor's files, by path inside its folder. */
export const FLOOR_FILES = {
  popup: 'popup.html',
  popupScript: 'popup.js',
  rows: 'rows.html',
  rowsScript: 'rows.js',
  worker: 'floor-worker.js',
} as const;

/** What the floor's worker answers: when its first line ran and when it answered (ms after the browser started it). */
export type FloorAnswer = { floor: true; codeStartedMs: number; answeredMs: number };

/** The floor's add-on id in Firefox (which needs one to pin its internal UUID). */
export const FLOOR_GECKO_ID = 'bench-floor@cookie-charter-inspector';

const MANIFEST = {
  manifest_version: 3,
  name: 'Bench floor (minimal extension)',
  version: '1.0.0',
  description: 'The least an MV3 extension can be: one line in a popup, a worker that answers one message.',
  action: { default_popup: FLOOR_FILES.popup },
  background: { service_worker: FLOOR_FILES.worker },
  // For the rows page's read of storage.session (our manifest asks it too).
  permissions: ['storage'],
};

/** Firefox's: its worker is an event page (`background.scripts`), as ours is there (vite.config.ts, manifestFor). */
const FIREFOX_MANIFEST = {
  ...MANIFEST,
  background: { scripts: [FLOOR_FILES.worker] },
  browser_specific_settings: {
    gecko: { id: FLOOR_GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
  },
};

// One line in the page's HTML, the least a popup paints. Ours paints its loading shell from its
// HTML too (src/popup/index.html). A line added by the script painted later (52 to 64 ms against
// about 44, alternating): a slower floor, which flattered our ratios. Its script asks the worker
// one question and writes the answer in a second line, the least a popup that shows what its
// worker knows can do: that line's paint (Element Timing, as our report's) is the floor of our
// report's (issue 16).
const POPUP_HTML = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <title>Floor</title>
    <script type="module" src="${FLOOR_FILES.popupScript}"></script>
  </head>
  <body>
    <p>Bench floor: one line.</p>
  </body>
</html>
`;

/** The Element Timing name of the floor's second line, its worker's answer. */
export const FLOOR_ANSWER_TIMING = 'floor:answer-painted';

const POPUP_SCRIPT = `chrome.runtime.sendMessage({ floor: 'hello' }).then((answer) => {
  const line = document.createElement('p');
  line.setAttribute('elementtiming', '${FLOOR_ANSWER_TIMING}');
  line.textContent = 'The worker answered.';
  document.body.append(line);
  document.body.dataset.answered = String(answer.answeredMs);
});
`;

/** The Element Timing name of the rows page's first row. */
export const FLOOR_ROWS_TIMING = 'floor:rows-painted';

/** The storage.session key the rows page reads its rows from (floorRows). */
export const FLOOR_ROWS_KEY = 'floorRows';

// The rows page: the same line from its HTML, then the rows from storage.session, one list item
// each, a cell of text per field: no framework, no stylesheet, nothing but the rows.
const ROWS_HTML = POPUP_HTML.replace(FLOOR_FILES.popupScript, FLOOR_FILES.rowsScript);

const ROWS_SCRIPT = `chrome.storage.session.get('${FLOOR_ROWS_KEY}').then((items) => {
  const rows = items['${FLOOR_ROWS_KEY}'] ?? [];
  const list = document.createElement('ul');
  rows.forEach((row, index) => {
    const item = document.createElement('li');
    if (index === 0) item.setAttribute('elementtiming', '${FLOOR_ROWS_TIMING}');
    for (const text of row) {
      const cell = document.createElement('span');
      cell.textContent = text;
      item.append(cell, ' ');
    }
    list.append(item);
  });
  document.body.append(list);
  document.body.dataset.answered = String(rows.length);
});
`;

/**
 * The rows the rows page paints, as many as our popup's first page holds (FIRST_PAGE): each a
 * cookie name, provider, service and purpose taken in turn from the bundled real charters, so
 * their text is as long as a real report's.
 */
export function floorRows(count: number = FIRST_PAGE.cookies): string[][] {
  const entries = Object.values(BUNDLED_CHARTERS).flatMap((charter) => charter.entries);
  return Array.from({ length: count }, (_, i) => {
    const entry = entries[i % entries.length]!;
    return [entry.cookie, entry.provider, entry.service ?? '', entry.purpose];
  });
}

const WORKER_SCRIPT = `const codeStartedMs = performance.now();
chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  if (message && message.floor) reply({ floor: true, codeStartedMs, answeredMs: performance.now() });
});
`;

/** Writes the floor extension (Chrome's, or Firefox's) into a new scratch folder; `remove` deletes it. */
export function writeFloorExtension(target: 'chrome' | 'firefox' = 'chrome'): { dir: string; remove: () => void } {
  const scratch = scratchDir('bench-floor');
  const dir = join(scratch.path, 'floor');
  mkdirSync(dir);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(target === 'firefox' ? FIREFOX_MANIFEST : MANIFEST, null, 2)}\n`);
  writeFileSync(join(dir, FLOOR_FILES.popup), POPUP_HTML);
  // Firefox's promise-based API is `browser` (its `chrome` takes callbacks).
  const inBrowser = (script: string) => (target === 'firefox' ? script.replaceAll('chrome.', 'browser.') : script);
  writeFileSync(join(dir, FLOOR_FILES.popupScript), inBrowser(POPUP_SCRIPT));
  writeFileSync(join(dir, FLOOR_FILES.rows), ROWS_HTML);
  writeFileSync(join(dir, FLOOR_FILES.rowsScript), inBrowser(ROWS_SCRIPT));
  writeFileSync(join(dir, FLOOR_FILES.worker), inBrowser(WORKER_SCRIPT));
  return { dir, remove: scratch.remove };
}
