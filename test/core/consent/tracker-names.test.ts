import { describe, expect, it } from 'vitest';
import { refusedFlagsText, trackerName } from '../../../src/core/consent/tracker-names.ts';

describe('wording', () => {
  it('names trackers, and shows an unknown key as written', () => {
    expect(trackerName('ga')).toBe('Google Analytics');
    expect(trackerName('hotjar')).toBe('hotjar');
    expect(trackerName('constructor')).toBe('constructor');
    expect(refusedFlagsText(['at', 'xiti'])).toBe('AT Internet refused (at=false), XiTi refused (xiti=false)');
  });
});
