/**
 * Generates src/core/registry/bundled-charters.generated.json from the charter documents in
 * charters/ (one file per portal, named by its host). The JSON is committed so the extension,
 * the tests and the CLI need no build step to use it; test/core/registry/bundled.test.ts
 * proves it equals parse(charters/) so it cannot drift.
 *   npx tsx scripts/build-registry.ts           write it
 *   npx tsx scripts/build-registry.ts --check   fail if it is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bundledChartersDocument, BUNDLED_CHARTERS_PATH } from './registry-source.ts';

const expected = `${JSON.stringify(bundledChartersDocument(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = readFileSync(BUNDLED_CHARTERS_PATH, 'utf8');
  if (current !== expected) {
    console.error(`${BUNDLED_CHARTERS_PATH} is stale: run npx tsx scripts/build-registry.ts`);
    process.exit(1);
  }
  console.log(`${BUNDLED_CHARTERS_PATH} is up to date`);
} else {
  writeFileSync(BUNDLED_CHARTERS_PATH, expected);
  console.log(`wrote ${BUNDLED_CHARTERS_PATH}`);
}
