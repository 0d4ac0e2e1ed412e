import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onOutputClosed, onStopSignal, OUTPUT_CLOSED_EXIT, SIGNAL_EXIT } from '../../../scripts/audit/closed-output.ts';

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

describe('onStopSignal', () => {
  it("ends with a shell's code for the signal: 130 at Ctrl-C (SIGINT), 143 at SIGTERM", () => {
    const target = new EventEmitter();
    const codes: number[] = [];
    onStopSignal(target, (code) => codes.push(code));
    target.emit('SIGINT');
    target.emit('SIGTERM');
    expect(codes).toEqual([130, 143]);
    expect(SIGNAL_EXIT).toEqual({ SIGINT: 130, SIGTERM: 143 });
  });
});
