import { useState } from 'react';
import { readThemeChoice, saveThemeChoice, type ThemeChoice } from '@/lib/theme';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  return (
    <label className="flex items-center gap-2 text-sm text-ink-muted">
      <span className="sr-only sm:not-sr-only">Theme</span>
      <select
        className="rounded-md border border-border bg-surface px-2 py-1 text-ink"
        value={choice}
        onChange={(event) => {
          const next = event.target.value as ThemeChoice;
          setChoice(next);
          saveThemeChoice(next);
        }}
      >
        {(Object.keys(labels) as ThemeChoice[]).map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
