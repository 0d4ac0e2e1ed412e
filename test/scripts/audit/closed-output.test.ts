import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onOutputClosed, OUTPUT_CLOSED_EXIT } from '../../../scripts/audit/closed-output.ts';

describe('onOutputClosed', () => {
  it('ends once at the first error of the output, which is never thrown as unhandled', () => {
    const output = new EventEmitter();
    let ended = 0;
    onOutputClosed(output, () => ended++);
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    expect(() => output.emit('error', epipe)).not.toThrow();
    expect(() => output.emit('error', epipe)).not.toThrow();
    expect(ended).toBe(1);
  });

  it('exits 2 (bad input or environment), never the 1 that --strict gives findings', () => {
    expect(OUTPUT_CLOSED_EXIT).toBe(2);
  });
});
