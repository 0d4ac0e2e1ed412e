/** Whatever a row holds, splitting it without separators ends, never throws, and only cuts the row into its own pieces. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/core/charter/columns.ts';
import { segmentRow } from '../../../src/core/charter/segment.ts';
import { splitRow, type TableHeader } from '../../../src/core/charter/table.ts';
import { hostileText } from '../../support/hostile-text.ts';

const ROW_FRAGMENTS = [
  'Matomo ',
  'Huwise',
  'Google Analytics ',
  'Opendatasoft',
  'a_',
  'aB',
  '_pk_id.*',
  ', ',
  '; ',
  ' et ',
  '13 mois',
  '2 weeks by default',
  'Session',
  'Up to 12 months',
  '. ',
  'any cookie starting with ',
  '“_hs”',
  '<ID>',
  'sessionid',
  '1',
  ' ',
  'Mesure ',
  '(GA4) ',
];
const TEMPLATES: Column[][] = [
  ['provider', 'service', 'cookie', 'purpose'],
  ['provider', 'cookie', 'duration', 'purpose'],
  ['provider', 'cookie', 'purpose'],
  ['service', 'provider', 'cookie', null, 'purpose'],
];

describe('segmentRow', () => {
  it('returns cells that are the row cut in order, or null', () => {
    fc.assert(
      fc.property(hostileText(ROW_FRAGMENTS, 200), fc.constantFrom(...TEMPLATES), fc.boolean(), (row, columns, glued) => {
        const cells = segmentRow(row, columns, glued);
        if (cells === null) return;
        const pieces = columns.flatMap((column) => (column === null ? [] : [cells[column] ?? '']));
        const squeeze = (text: string) => text.replace(/\s+/g, '');
        const squeezed = squeeze(row);
        let from = 0;
        for (const piece of pieces) {
          expect(piece).not.toBe('');
          const at = squeezed.indexOf(squeeze(piece), from);
          expect(at, `${JSON.stringify(piece)} in order`).toBeGreaterThanOrEqual(from);
          from = at + squeeze(piece).length;
        }
        if (!columns.includes(null)) expect(squeeze(pieces.join(''))).toBe(squeezed);
      }),
      { numRuns: 400 },
    );
  });

  it('and splitRow never throws, whatever the layout', () => {
    fc.assert(
      fc.property(
        hostileText([...ROW_FRAGMENTS, '\t', '|', ' | ']),
        fc.constantFrom('tab', 'pipe', 'space', 'glued' as const),
        fc.constantFrom(...TEMPLATES),
        (row, layout, columns) => {
          const header: TableHeader = { line: 1, layout, columns };
          expect(['row', 'unreadable', 'not-a-row']).toContain(splitRow(row, header).kind);
        },
      ),
      { numRuns: 400 },
    );
  });
});
