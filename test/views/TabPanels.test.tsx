// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { TabPanels } from '../../src/views/TabPanels.tsx';

afterEach(cleanup);

const TABS = [
  { id: 'cookies', label: 'Cookies' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'export', label: 'Export' },
];

const show = (selected: string, onSelect = vi.fn()) =>
  render(
    <TabPanels label="data.tco.re" tabs={TABS} selected={selected} onSelect={onSelect}>
      <p>panel of {selected}</p>
    </TabPanels>,
  ).container;

describe('TabPanels', () => {
  it('says when a pointer enters the tab list or the focus moves into it, before any tab is chosen', () => {
    const onIntent = vi.fn();
    const onSelect = vi.fn();
    const { container } = render(
      <TabPanels label="data.tco.re" tabs={TABS} selected="cookies" onSelect={onSelect} onIntent={onIntent}>
        <p>panel</p>
      </TabPanels>,
    );
    const list = container.querySelector('[role="tablist"]')!;
    fireEvent.pointerEnter(list);
    expect(onIntent).toHaveBeenCalledTimes(1);
    fireEvent.focusIn(container.querySelector('#tab-cookies')!);
    expect(onIntent).toHaveBeenCalledTimes(2);
    // Over the panel, nothing: only the tabs say a tab may be chosen.
    fireEvent.pointerEnter(container.querySelector('[role="tabpanel"]')!);
    expect(onIntent).toHaveBeenCalledTimes(2);
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('marks the selected tab, gives it the one tab stop, and labels its panel', () => {
    const container = show('timeline');
    const tabs = [...container.querySelectorAll('[role="tab"]')];
    expect(tabs.map((tab) => [tab.getAttribute('aria-selected'), tab.getAttribute('tabindex')])).toEqual([
      ['false', '-1'],
      ['true', '0'],
      ['false', '-1'],
    ]);
    expect(container.querySelector('[role="tabpanel"]')?.getAttribute('aria-labelledby')).toBe('tab-timeline');
    expect(container.querySelector('[role="tabpanel"] p')?.textContent).toBe('panel of timeline');
  });

  it('heads its panel like its tab, at the level of the sections beside it, seen as the tab only', () => {
    const heading = show('timeline').querySelector('[role="tabpanel"] > :first-child')!;
    expect([heading.tagName, heading.textContent, heading.className]).toEqual(['H2', 'Timeline', 'visually-hidden']);
  });

  it('points only the selected tab at its panel: the others have none in the document', () => {
    const container = show('timeline');
    expect([...container.querySelectorAll('[role="tab"]')].map((tab) => tab.getAttribute('aria-controls'))).toEqual([
      null,
      'panel-timeline',
      null,
    ]);
    expect(container.querySelector('#panel-timeline')?.getAttribute('role')).toBe('tabpanel');
  });

  it('moves with the arrow keys, wrapping, and jumps with Home and End', () => {
    const onSelect = vi.fn();
    const container = show('cookies', onSelect);
    const first = container.querySelector('#tab-cookies')!;
    for (const key of ['ArrowRight', 'ArrowLeft', 'End', 'Home', 'a']) fireEvent.keyDown(first, { key });
    expect(onSelect.mock.calls.map(([id]) => id)).toEqual(['timeline', 'export', 'export', 'cookies']);
  });

  it('selects a tab on a click', () => {
    const onSelect = vi.fn();
    fireEvent.click(show('cookies', onSelect).querySelector('#tab-export')!);
    expect(onSelect).toHaveBeenCalledWith('export');
  });
});
