import type { Selector } from '@contract/schemas';

interface SelectorChoiceProps {
  value: Selector[];
  onChange: (value: Selector[]) => void;
  /** What the restore point holds for each selector, e.g. "db · 12.4 MB"; null when it holds none. */
  details: Record<Selector, string | null>;
}

const names: Record<Selector, string> = { db: 'Database', files: 'Files' };

/** What to bring back: database, files, or both. */
export function SelectorChoice({ value, onChange, details }: SelectorChoiceProps) {
  return (
    <fieldset className="min-w-0 space-y-2">
      <legend className="mb-1.5 text-sm font-medium">What to restore</legend>
      {(['db', 'files'] as const).map((selector) => {
        const detail = details[selector];
        return (
          <label
            key={selector}
            className="flex cursor-pointer items-start gap-3 rounded-lg border border-border p-3 has-checked:border-accent has-checked:bg-accent/5 has-disabled:cursor-not-allowed has-disabled:opacity-60"
          >
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-(--color-accent)"
              checked={value.includes(selector)}
              disabled={detail === null}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? (['db', 'files'] as const).filter((s) => s === selector || value.includes(s))
                    : value.filter((s) => s !== selector),
                )
              }
            />
            <span className="min-w-0 text-sm">
              <span className="block font-medium">{names[selector]}</span>
              <span className="block text-ink-muted">{detail ?? 'Not in this snapshot'}</span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
