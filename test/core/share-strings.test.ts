import { describe, expect, it } from 'vitest';
import { shareStrings } from '../../src/core/share-strings.ts';

/** A string equal to `text` but not the same copy (as a message's parser makes them). */
const copyOf = (text: string) => JSON.parse(JSON.stringify(text)) as string;

describe('shareStrings', () => {
  it('keeps the data as it was: same shape, same values, same objects', () => {
    const cookie = { name: 'sessionid', domain: 'data.tco.re', secure: true, expires: 12, service: null, thirdParty: { via: 'frame' } };
    const data = { host: 'data.tco.re', cookies: [cookie, cookie], names: ['a', 'b', 'a'], nothing: null, empty: [] };
    const before = structuredClone(data);
    expect(shareStrings(data)).toBe(data);
    expect(data).toEqual(before);
    expect(data.cookies[0]).toBe(cookie);
  });

  it('leaves every string at any depth equal to what it was (which copy is kept is seen only in the heap: the bench)', () => {
    const data = {
      host: copyOf('bench.opendatasoft.com'),
      cookies: [
        { domain: copyOf('bench.opendatasoft.com'), phase: copyOf('before-choice'), flags: ['Secure', copyOf('Secure')] },
        { domain: copyOf('.bench.opendatasoft.com'), phase: copyOf('after-accept'), flags: [] },
      ],
      events: [[copyOf('before-choice'), 3, [copyOf('x'), 'y']]],
    };
    const before = structuredClone(data);
    shareStrings(data);
    expect(data).toEqual(before);
  });
});
