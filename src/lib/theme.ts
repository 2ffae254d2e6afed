export type ThemeChoice = 'system' | 'light' | 'dark';

const storageKey = 'rewind.theme';

export function readThemeChoice(): ThemeChoice {
  const stored = globalThis.localStorage?.getItem(storageKey);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

function systemPrefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/** Puts the `dark` class on <html> when the choice (or the system, for `system`) asks for it. */
export function applyTheme(choice: ThemeChoice = readThemeChoice()): void {
  const dark = choice === 'dark' || (choice === 'system' && systemPrefersDark());
  document.documentElement.classList.toggle('dark', dark);
}

export function saveThemeChoice(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(storageKey);
  else localStorage.setItem(storageKey, choice);
  applyTheme(choice);
}

/** Keeps the page in step with the system while the choice is `system`. */
export function followSystemTheme(): () => void {
  const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  if (!query) return () => {};
  const onChange = () => {
    if (readThemeChoice() === 'system') applyTheme('system');
  };
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
