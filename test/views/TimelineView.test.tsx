// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { TimelineView } from '../../src/views/TimelineView.tsx';
import { t } from '../support/render-app.tsx';

afterEach(cleanup);

describe('TimelineView', () => {
  it('says when nothing was recorded', () => {
    const { container } = render(
      <TimelineView host="data.tco.re" timeline={{ droppedEvents: 0, events: [] }} recordConsentFlow={vi.fn()} t={t} language="en" />,
    );
    expect(container.textContent).toContain('timelineEmpty');
  });

  it('shows events and markers in order, dropped events first', () => {
    const timeline = {
      droppedEvents: 2,
      events: [
        { type: 'set' as const, at: 1, name: '<i>x</i>', domain: 'data.tco.re', phase: 'after-refuse' as const },
        { type: 'cleared' as const, at: 2 },
        { type: 'evicted' as const, at: 3, cookies: 4, events: 5 },
      ],
    };
    const { container } = render(<TimelineView host="data.tco.re" timeline={timeline} recordConsentFlow={vi.fn()} t={t} language="en" />);
    expect([...container.querySelectorAll('li')].map((li) => li.getAttribute('data-marker') ?? li.getAttribute('data-event'))).toEqual([
      'dropped',
      'set',
      'cleared',
      'evicted',
    ]);
    expect(container.querySelector('[data-event="set"] code')?.textContent).toBe('<i>x</i>');
    expect(container.querySelector('[data-marker="evicted"]')?.textContent).toContain('markerEvicted 4 5');
  });

  it('records a consent flow only after confirmation, and says how many cookies went', async () => {
    const recordConsentFlow = vi.fn(async () => 3);
    const { container } = render(
      <TimelineView
        host="data.tco.re"
        timeline={{ droppedEvents: 0, events: [] }}
        recordConsentFlow={recordConsentFlow}
        t={t}
        language="en"
      />,
    );
    fireEvent.click(container.querySelector('[data-action="record-flow"]')!);
    expect(recordConsentFlow).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alertdialog"]')?.textContent).toContain('recordFlowExplain data.tco.re');
    fireEvent.click(container.querySelector('[data-action="record-flow-confirm"]')!);
    await waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toBe('recordFlowStarted 3'));
  });
});
