/** An open of the popup that misses an entry stops the bench, naming it, rather than giving NaN to a median. */
import { describe, expect, it } from 'vitest';
import { popupEntries } from '../../../scripts/bench/browser-benches.ts';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';

/** A page whose reading gives these times, in the order the bench asks for them, and this paint. */
const pageReading = (times: number[], painted: number) =>
  ({ evaluate: () => Promise.resolve({ times, painted }) }) as unknown as PageUnderTest;

describe('popupEntries', () => {
  it('gives every entry of an open by its name', async () => {
    const marks = await popupEntries(pageReading([44, 37, 55, 61, 62, 67], 92), null, 'the popup on x');
    expect(marks).toEqual({ paint: 44, start: 37, answered: 55, viewLoaded: 61, received: 62, inDocument: 67, painted: 92 });
  });

  it('refuses an open that misses a mark or the report’s paint, naming what did not come', async () => {
    await expect(popupEntries(pageReading([44, 37, Number.NaN, 61, 62, 67], 92), null, 'the popup on x')).rejects.toThrow(
      'the popup on x: cci:worker-answered did not come within 10 s',
    );
    await expect(popupEntries(pageReading([44, 37, 55, 61, 62, 67], Number.NaN), null, 'the popup on x')).rejects.toThrow(
      /the report's paint \(Element Timing "cci:report-painted"\) did not come/,
    );
  });
});
