import { describe, expect, it } from 'vitest';
import { findingCounts } from '../../../src/core/report/finding-counts.ts';
import { finding } from '../../support/reports.ts';

describe('findingCounts', () => {
  it('counts each kind per severity, naming only the kinds and severities there are', () => {
    const findings = [
      finding({ kind: 'before-consent', cookie: 'a_widget', severity: 'medium' }),
      finding({ kind: 'before-consent', cookie: 'b_tracker', severity: 'high' }),
      finding({ kind: 'before-consent', cookie: 'c_tracker', severity: 'high' }),
      finding({ kind: 'not-seen', cookie: 'csrftoken' }),
    ];
    expect(findingCounts(findings)).toEqual({ 'before-consent': { high: 2, medium: 1 }, 'not-seen': { low: 1 } });
    expect(findingCounts([])).toEqual({});
  });
});
