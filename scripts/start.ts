/**
 * The main job, for now: build both browser packages and say where they are and how to load them.
 * (The audit command takes this place once it exists.)
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'inherit' });
const chrome = resolve('dist/chrome');
const firefox = resolve('dist/firefox');
console.log(`
Cookie Charter Inspector is built.

  Chrome / Chromium: ${chrome}
    chrome://extensions -> turn on "Developer mode" -> "Load unpacked" -> choose that folder.
  Firefox:           ${firefox}
    about:debugging#/runtime/this-firefox -> "Load Temporary Add-on…" -> choose manifest.json in that folder.
  Store packages:    ${resolve('dist')}/cookie-charter-inspector-{chrome,firefox}-*.zip

Then open a portal (for example https://data.toulouse-metropole.fr/) and click the cookie icon.`);
