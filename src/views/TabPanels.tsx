import type { ComponentChildren } from 'preact';

type TabPanelsProps = {
  /** Accessible name of the tab list. */
  label: string;
  /** Tabs in order. */
  tabs: Array<{ id: string; label: string }>;
  /** The selected tab's id. */
  selected: string;
  /** Called with the id of the tab to show. */
  onSelect: (id: string) => void;
  /** Called when a pointer enters the tab list or focus moves into it: a tab may be chosen next. */
  onIntent?: () => void;
  /** The selected tab's panel, under a heading (level 2, seen as the tab only) named like its tab. */
  children: ComponentChildren;
};

/** WAI-ARIA tabs: one tab stop, arrow keys move between tabs, Home / End jump to the ends. */
export function TabPanels({ label, tabs, selected, onSelect, onIntent, children }: TabPanelsProps) {
  const move = (event: KeyboardEvent, index: number) => {
    const target =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    if (target < 0) return;
    event.preventDefault();
    onSelect(tabs[target]!.id);
    document.getElementById(`tab-${tabs[target]!.id}`)?.focus();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={label} onPointerEnter={onIntent} onFocusIn={onIntent}>
        {tabs.map((tab, index) => (
          <button
            // Keyed: the Timeline tab comes and goes with the layout, and the tabs after it keep their own buttons (and the focus).
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === selected}
            // Only the selected tab's panel is in the document: the others would point at nothing.
            aria-controls={tab.id === selected ? `panel-${tab.id}` : undefined}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => move(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`}>
        {/* Beside the findings' h2, seen as the tab: the panel's h3s (cookie categories, consent runs) are not read as findings. */}
        <h2 class="visually-hidden">{tabs.find((tab) => tab.id === selected)?.label}</h2>
        {children}
      </div>
    </div>
  );
}
