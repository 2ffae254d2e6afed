// Small building blocks for validating a parsed config file: every check records a problem under the
// key path where it was found (`sites[0].environments[1].services[0].path`) and carries on, so a user
// sees every mistake of a file at once rather than one per restart.
import { redactCredentials } from './redact.ts';

export interface ConfigProblem {
  /** Where in the file, like `sites[0].environments[1].name`; empty for the file as a whole. */
  key: string;
  message: string;
}

export type Json = Record<string, unknown>;

export class Problems {
  list: ConfigProblem[] = [];

  add(key: string, message: string): void {
    this.list.push({ key, message });
  }
}

export function childKey(parent: string, name: string | number): string {
  if (typeof name === 'number') return `${parent}[${name}]`;
  const part = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
  if (part.startsWith('"')) return `${parent}[${part}]`;
  return parent ? `${parent}.${part}` : part;
}

/** What a JSON value is, in words, for "must be X, not Y". Never the value itself, which may be secret. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'number') return 'a number';
  return String(value);
}

/** A value the user wrote, quoted for a message: short and with any URL password masked. */
export function quote(value: string): string {
  const shown = redactCredentials(value);
  return JSON.stringify(shown.length > 70 ? `${shown.slice(0, 67)}...` : shown);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidate `word` was probably meant as (a typo or a case slip), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  // Short words allow one slip only, else nearly every short key would look like a typo of another.
  let bestDistance = word.length >= 4 ? 2 : 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function listOf(words: readonly string[]): string {
  return words.map((word) => `"${word}"`).join(', ');
}

/**
 * The object at `key`, or null (with a problem recorded) when it is not one. Keys outside `allowed`
 * are reported as unknown, since a misspelt optional key would otherwise be silently ignored.
 */
export function objectAt(
  value: unknown,
  key: string,
  what: string,
  allowed: readonly string[],
  problems: Problems,
): Json | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(key, `must be ${what} (a JSON object), not ${describe(value)}`);
    return null;
  }
  for (const name of Object.keys(value)) {
    if (allowed.includes(name)) continue;
    const guess = closest(name, allowed);
    const hint = guess ? `did you mean "${guess}"? ` : '';
    problems.add(childKey(key, name), `unknown key "${name}"; ${hint}expected only ${listOf(allowed)}`);
  }
  return value as Json;
}

/**
 * `object[name]` as a non-empty string, or null with a problem recorded. `expected` completes
 * "expected …" and should show the user what a good value looks like.
 */
export function stringAt(
  object: Json,
  key: string,
  name: string,
  expected: string,
  problems: Problems,
): string | null {
  const value = object[name];
  const at = childKey(key, name);
  if (value === undefined) problems.add(at, `is missing; expected ${expected}`);
  else if (typeof value !== 'string')
    problems.add(at, `must be a string, not ${describe(value)}; expected ${expected}`);
  else if (value.trim() === '') problems.add(at, `is empty; expected ${expected}`);
  else return value;
  return null;
}

/** `object[name]` as a non-empty list, or null with a problem recorded. */
export function listAt(
  object: Json,
  key: string,
  name: string,
  expected: string,
  problems: Problems,
): unknown[] | null {
  const value = object[name];
  const at = childKey(key, name);
  if (value === undefined) problems.add(at, `is missing; expected ${expected}`);
  else if (!Array.isArray(value))
    problems.add(at, `must be a list, not ${describe(value)}; expected ${expected}`);
  else if (value.length === 0) problems.add(at, `is an empty list; expected ${expected}`);
  else return value;
  return null;
}

/** Reports the second and later uses of the same value (a slug, a name, a path) among siblings. */
export class UniqueCheck {
  seen = new Map<string, string>();
  what: string;

  constructor(what: string) {
    this.what = what;
  }

  check(value: string, key: string, problems: Problems): void {
    const first = this.seen.get(value);
    if (first === undefined) this.seen.set(value, key);
    else problems.add(key, `${quote(value)} is already used at ${first}; ${this.what} must be unique`);
  }
}
