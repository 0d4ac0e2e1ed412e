import { describe, expect, it } from 'vitest';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';

describe('bundledOpenCookieDatabaseRows', () => {
  it('decodes the generated rows once, and hands the same rows to every caller', () => {
    const rows = bundledOpenCookieDatabaseRows();
    expect(rows).toHaveLength(2264);
    expect(bundledOpenCookieDatabaseRows()).toBe(rows);
    expect(rows.find((row) => row.name === '_hjSessionUser_')).toMatchObject({ platform: 'Hotjar', wildcard: true });
  });
});
