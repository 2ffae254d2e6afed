import { useVirtualizer } from '@tanstack/react-virtual';
import { useCombobox, type UseComboboxState, type UseComboboxStateChangeOptions } from 'downshift';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ChevronDownIcon } from '@/components/ui/icons';
import { FieldLabel, Input } from '@/components/ui/input';
import { cn } from '@/lib/cn';
import { findZones, zoneOption, zoneOptions, type ZoneOption } from '../time-zones';

const { InputChange, InputBlur, InputKeyDownEscape } = useCombobox.stateChangeTypes;
/** Every option is one row of this height (name and words, each on one line), so the list can be virtual. */
const rowHeight = 44;

/** Leaving the field, or Escape with the list closed, never clears the zone: the text goes back to it. */
function keepTheZone(
  state: UseComboboxState<ZoneOption>,
  { type, changes }: UseComboboxStateChangeOptions<ZoneOption>,
): Partial<UseComboboxState<ZoneOption>> {
  if (type === InputBlur || type === InputKeyDownEscape) {
    const selectedItem = changes.selectedItem ?? state.selectedItem;
    return { ...changes, selectedItem, inputValue: selectedItem?.name ?? state.inputValue };
  }
  return changes;
}

/**
 * The policy's time zone: an accessible combobox (downshift) over every zone the browser knows, each with its
 * offset now. Typing searches city, region, name in words or offset ("kyiv", "india", "+05:30").
 */
export function TimeZonePicker({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  error?: string | undefined;
}) {
  const options = useMemo(() => zoneOptions(), []);
  const selected = useMemo(
    () => options.find((zone) => zone.name === value) ?? zoneOption(value, new Date()),
    [options, value],
  );
  const [query, setQuery] = useState('');
  const [inputValue, setInputValue] = useState(value);
  const items = useMemo(() => findZones(options, query), [options, query]);

  const combobox = useCombobox<ZoneOption>({
    items,
    inputId: id,
    labelId: `${id}-label`,
    menuId: `${id}-list`,
    itemToString: (zone) => zone?.name ?? '',
    itemToKey: (zone) => zone?.name,
    selectedItem: selected,
    inputValue,
    stateReducer: keepTheZone,
    onInputValueChange: ({ inputValue: text, type }) => {
      setInputValue(text);
      setQuery(type === InputChange ? text : '');
    },
    onSelectedItemChange: ({ selectedItem }) => {
      if (selectedItem) onChange(selectedItem.name);
    },
    onIsOpenChange: ({ isOpen }) => {
      if (!isOpen) setQuery('');
    },
    // The virtual list scrolls itself (below); downshift's own scrolling needs every row in the page.
    scrollIntoView: () => {},
  });
  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps } = combobox;

  // Only the rows in view are in the page: 400-odd options would make every key press slow.
  const listRef = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler; the virtualizer re-renders this component when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => items[index]?.name ?? index,
    overscan: 8,
  });
  // Rows are all one height, so the highlighted one is scrolled into view by arithmetic. The virtualizer's own
  // scrollToIndex measures the list, which it may not have done yet when the list has only just opened.
  useEffect(() => {
    const list = listRef.current;
    if (!isOpen || highlightedIndex < 0 || !list) return;
    const top = highlightedIndex * rowHeight;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + rowHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = top + rowHeight - list.clientHeight;
    }
  }, [isOpen, highlightedIndex]);
  const rows = virtualizer.getVirtualItems();
  const messageId = error ? `${id}-error` : `${id}-hint`;

  return (
    <div className="space-y-1.5">
      <FieldLabel {...getLabelProps()}>Time zone</FieldLabel>
      <div className="relative">
        <Input
          {...getInputProps({
            'aria-describedby': messageId,
            'aria-invalid': error ? true : undefined,
            spellCheck: false,
            autoComplete: 'off',
            placeholder: 'Search by city, region or offset',
            className: 'pr-9',
          })}
        />
        <button
          type="button"
          {...combobox.getToggleButtonProps({ 'aria-label': 'All time zones' })}
          className="absolute inset-y-0 right-0 grid w-9 place-items-center text-ink-muted hover:text-ink"
        >
          <ChevronDownIcon className="size-4" />
        </button>
        {/* The list scrolls over a spacer of its whole height, so its scroll range never depends on which rows
            are in the page; each row sits at its offset in it. */}
        <div
          {...getMenuProps({ ref: listRef })}
          data-slot="zone-list"
          className={cn(
            'absolute z-10 mt-1 max-h-64 w-full overflow-y-auto overscroll-contain rounded-md border border-border bg-surface text-sm shadow-lg',
            !(isOpen && items.length > 0) && 'hidden',
          )}
        >
          <div className="relative" style={{ height: isOpen ? virtualizer.getTotalSize() : 0 }}>
            {isOpen &&
              rows.map((row) => {
                const zone = items[row.index]!;
                return (
                  <div
                    key={zone.name}
                    {...getItemProps({ item: zone, index: row.index })}
                    aria-setsize={items.length}
                    aria-posinset={row.index + 1}
                    style={{ height: rowHeight, transform: `translateY(${row.start}px)` }}
                    className={cn(
                      'absolute inset-x-0 top-0 flex cursor-default items-center justify-between gap-3 px-3',
                      highlightedIndex === row.index && 'bg-accent/10',
                      zone.name === value && 'font-medium',
                    )}
                  >
                    <span className="min-w-0">
                      <span className="block truncate">{zone.name}</span>
                      {zone.words && (
                        <span className="block truncate text-xs text-ink-muted">{zone.words}</span>
                      )}
                    </span>
                    <span className="shrink-0 text-xs text-ink-muted tabular-nums">{zone.offset}</span>
                  </div>
                );
              })}
          </div>
        </div>
      </div>
      <p id={messageId} className={cn('text-xs', error ? 'text-danger' : 'text-ink-muted')}>
        {error ?? `${selected.offset} now${selected.words ? `, ${selected.words}` : ''}.`}
      </p>
      <p role="status" className="sr-only">
        {isOpen && query
          ? `${items.length} ${items.length === 1 ? 'time zone matches' : 'time zones match'}.`
          : ''}
      </p>
      {isOpen && items.length === 0 && (
        <p className="text-xs text-ink-muted">
          No time zone matches “{query}”. Try a city, a region or an offset.
        </p>
      )}
    </div>
  );
}
