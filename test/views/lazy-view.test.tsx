// @vitest-environment happy-dom
/** A view loaded on demand: a loading line (or nothing), then the view; an error with a retry when its code does not load. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render as renderInPage, type ComponentChild } from 'preact';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LoadingLine, lazyView } from '../../src/views/lazy-view.tsx';
import { t } from '../support/render-app.tsx';

type Props = { name: string; t: typeof t };
const Hello = ({ name }: Props) => <p>hello {name}</p>;

describe('lazyView', () => {
  afterEach(cleanup);

  it('shows a loading line until the code is there, then the view with its props', async () => {
    let arrive: (view: typeof Hello) => void = () => undefined;
    const load = vi.fn(() => new Promise<typeof Hello>((resolve) => (arrive = resolve)));
    const View = lazyView(load);
    render(<View name="popup" t={t} />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('loading'));
    arrive(Hello);
    expect(await screen.findByText('hello popup')).toBeTruthy();
    // Loaded once: a second view renders at once, without loading again.
    render(<View name="again" t={t} />);
    expect(screen.getByText('hello again')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  // Rendered as the page renders, not in act() (which runs effects at once): effects wait for the frame.
  const inPage = (element: ComponentChild) => {
    const root = document.body.appendChild(document.createElement('div'));
    renderInPage(element, root);
    return root;
  };
  afterEach(() => document.body.replaceChildren());

  it('inserts its loading line’s status without words, then says them once it is in the document', async () => {
    inPage(<LoadingLine t={t} />);
    const status = screen.getByRole('status');
    expect(status.textContent?.trim()).toBe('');
    expect(status.querySelector('.spinner')?.getAttribute('aria-hidden')).toBe('true');
    await waitFor(() => expect(status.textContent?.trim()).toBe('loading'));
    expect(screen.getByRole('status')).toBe(status);
  });

  it('inserts the loading line of a view not loaded yet the same way', async () => {
    const View = lazyView<Props>(() => new Promise(() => undefined));
    inPage(<View name="popup" t={t} />);
    const status = screen.getByRole('status');
    expect(status.textContent?.trim()).toBe('');
    await waitFor(() => expect(status.textContent?.trim()).toBe('loading'));
  });

  it('shows the view when its code arrives between its first render and its effect (a preload started just before)', async () => {
    let arrive: (view: typeof Hello) => void = () => undefined;
    const View = lazyView(() => new Promise<typeof Hello>((resolve) => (arrive = resolve)));
    // A pointer over the tabs started the load; the tab is chosen, and its view renders, before the code is there.
    const preloaded = View.preload();
    const root = inPage(<View name="tab" t={t} />);
    expect(root.textContent).not.toContain('hello');
    // The code arrives before the frame runs the view's effect.
    arrive(Hello);
    await preloaded;
    await waitFor(() => expect(root.textContent).toContain('hello tab'));
  });

  it('loads once however often it is preloaded, and renders at once after', async () => {
    const load = vi.fn(() => Promise.resolve(Hello));
    const View = lazyView(load);
    await Promise.all([View.preload(), View.preload()]);
    render(<View name="now" t={t} />);
    expect(screen.getByText('hello now')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says when its code could not be loaded, and tries again on retry', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('chunk gone')).mockResolvedValueOnce(Hello);
    const View = lazyView<Props>(load);
    render(<View name="later" t={t} />);
    expect((await screen.findByRole('alert')).textContent).toContain('viewLoadError chunk gone');
    fireEvent.click(screen.getByRole('button', { name: 'retry' }));
    expect(await screen.findByText('hello later')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('gives the focus to the page’s title when Retry, which had it, goes: never to <body>', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('chunk gone')).mockResolvedValueOnce(Hello);
    const View = lazyView<Props>(load);
    render(
      <main>
        <h1 tabIndex={-1}>title</h1>
        <View name="later" t={t} />
      </main>,
    );
    await screen.findByRole('alert');
    const retry = screen.getByRole('button', { name: 'retry' });
    retry.focus();
    fireEvent.click(retry);
    expect(await screen.findByText('hello later')).toBeTruthy();
    expect(document.activeElement?.tagName).toBe('H1');
  });

  it('brings the focus back to Retry when the retry fails again (as App.tsx does for its own Retry)', async () => {
    const load = vi.fn().mockRejectedValue(new Error('chunk gone'));
    const View = lazyView<Props>(load);
    render(
      <main>
        <h1 tabIndex={-1}>title</h1>
        <View name="later" t={t} />
      </main>,
    );
    await screen.findByRole('alert');
    const retry = screen.getByRole('button', { name: 'retry' });
    retry.focus();
    fireEvent.click(retry);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    const again = await screen.findByRole('button', { name: 'retry' });
    expect(again).not.toBe(retry);
    expect(document.activeElement).toBe(again);
  });

  it('leaves the focus where the person took it while the retry was asking, and takes none on a first failure', async () => {
    let fail = (_: Error) => undefined as void;
    const load = vi
      .fn()
      .mockRejectedValueOnce(new Error('chunk gone'))
      .mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)));
    const View = lazyView<Props>(load);
    render(
      <main>
        <h1 tabIndex={-1}>title</h1>
        <input aria-label="search" />
        <View name="later" t={t} />
      </main>,
    );
    await screen.findByRole('alert');
    // The first failure: nothing was asked of the person, the focus stays on <body>.
    expect(document.activeElement).toBe(document.body);
    fireEvent.click(screen.getByRole('button', { name: 'retry' }));
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    const search = screen.getByRole('textbox', { name: 'search' });
    search.focus();
    fail(new Error('chunk gone again'));
    await screen.findByRole('alert');
    expect(document.activeElement).toBe(search);
  });

  it('shows nothing while loading when quiet', async () => {
    const View = lazyView(() => Promise.resolve(Hello), { quiet: true });
    const { container } = render(<View name="tools" t={t} />);
    expect(container.innerHTML).toBe('');
    expect(await screen.findByText('hello tools')).toBeTruthy();
  });
});
