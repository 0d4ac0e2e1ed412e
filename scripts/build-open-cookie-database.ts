/**
 * Builds src/core/registry/open-cookie-database.generated.json from the bundled Open Cookie
 * Database CSV (data/open-cookie-database/). Run: `npx tsx scripts/build-open-cookie-database.ts`;
 * add `--check` to fail instead of writing when the committed JSON is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentFromCsv, OPEN_COOKIE_DATABASE_FILES, OPEN_COOKIE_DATABASE_SOURCE, serializeDocument } from '../src/core/registry/index.ts';

const csvPath = fileURLToPath(new URL(`../${OPEN_COOKIE_DATABASE_SOURCE.file}`, import.meta.url));
const jsonPath = fileURLToPath(new URL(`../${OPEN_COOKIE_DATABASE_FILES.generated}`, import.meta.url));

const document = documentFromCsv(readFileSync(csvPath, 'utf8'));
const json = serializeDocument(document);

if (process.argv.includes('--check')) {
  const committed = readFileSync(jsonPath, 'utf8');
  if (committed !== json) {
    console.error(`${jsonPath} is stale: run npx tsx scripts/build-open-cookie-database.ts`);
    process.exit(1);
  }
  console.log(`${jsonPath} is up to date (${document.rows.length} rows).`);
} else {
  writeFileSync(jsonPath, json);
  console.log(`Wrote ${document.rows.length} rows to ${jsonPath}.`);
}
