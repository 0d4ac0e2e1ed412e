import { describe, expect, it } from 'vitest';
import { NoAnswer } from '../../src/core/message-contract.ts';
import { problemText } from '../../src/views/problem-text.ts';
import { t } from '../support/render-app.tsx';

describe('problemText', () => {
  it('says a worker that did not answer in the UI language, and keeps any other error’s own words', () => {
    expect(problemText(new NoAnswer('clearSite'), t)).toBe('noAnswer');
    expect(problemText(new NoAnswer('exportReport', 60), t)).toBe('noAnswerWithin 60');
    expect(problemText(new Error('Unknown site'), t)).toBe('Unknown site');
    expect(problemText('plain text', t)).toBe('plain text');
  });
});
