import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/** Width from which a page shows two columns (the timeline beside the cookies), in CSS pixels. */
export const WIDE_LAYOUT_MIN_WIDTH = 880;

/** Whether a box of this width shows two columns. */
export const isWide = (width: number) => width >= WIDE_LAYOUT_MIN_WIDTH;

/**
 * True while `element` is wide enough for two columns, followed as it resizes: the layout follows
 * the room a page has (a side panel dragged wider, DevTools docked at the bottom), not the kind of
 * page. The popup keeps one column: its page is never that wide. False where ResizeObserver is
 * missing.
 */
export function useWideLayout(
  element: RefObject<HTMLElement | null>,
  Observer: typeof ResizeObserver | undefined = globalThis.ResizeObserver,
): boolean {
  const [wide, setWide] = useState(false);
  useLayoutEffect(() => {
    const target = element.current;
    if (!target || !Observer) return;
    setWide(isWide(target.getBoundingClientRect().width));
    const observer = new Observer((entries) => {
      const entry = entries.at(-1);
      if (entry) setWide(isWide(entry.contentRect.width));
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, Observer]);
  return wide;
}
