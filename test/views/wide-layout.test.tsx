// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/preact';
import { useRef } from 'preact/hooks';
import { isWide, useWideLayout, WIDE_LAYOUT_MIN_WIDTH } from '../../src/views/wide-layout.ts';

afterEach(cleanup);

/** A ResizeObserver the test drives: `resize(width)` reports a new width to every observer. */
function fakeObserver() {
  const callbacks = new Set<ResizeObserverCallback>();
  class Observer {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe() {
      callbacks.add(this.callback);
    }
    disconnect() {
      callbacks.delete(this.callback);
    }
  }
  const resize = (width: number) => {
    for (const callback of callbacks) callback([{ contentRect: { width } } as ResizeObserverEntry], null as never);
  };
  return { Observer: Observer as unknown as typeof ResizeObserver, resize, observing: () => callbacks.size };
}

function Probe({ Observer }: { Observer: typeof ResizeObserver | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  const wide = useWideLayout(ref, Observer);
  return <div ref={ref} data-wide={String(wide)} />;
}

describe('useWideLayout', () => {
  it('follows the element’s width across the threshold', async () => {
    const { Observer, resize, observing } = fakeObserver();
    const { container, unmount } = render(<Probe Observer={Observer} />);
    const wide = () => container.querySelector('div')!.getAttribute('data-wide');
    expect(wide()).toBe('false');
    await act(() => resize(WIDE_LAYOUT_MIN_WIDTH + 100));
    expect(wide()).toBe('true');
    await act(() => resize(400));
    expect(wide()).toBe('false');
    unmount();
    expect(observing()).toBe(0);
  });

  it('stays narrow without ResizeObserver', () => {
    expect(
      render(<Probe Observer={undefined} />)
        .container.querySelector('div')!
        .getAttribute('data-wide'),
    ).toBe('false');
  });

  it('puts the threshold where a panel has room for two columns, and a popup never does', () => {
    expect(isWide(460)).toBe(false);
    expect(isWide(720)).toBe(false);
    expect(isWide(1200)).toBe(true);
  });
});
