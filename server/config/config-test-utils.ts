// Shared by the config loader's tests: config files written to a temporary folder, and builders.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { ConfigError, loadConfigFile } from './config-file.ts';

export const dir = mkdtempSync(path.join(tmpdir(), 'rewind-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
export function writeConfig(content: unknown): string {
  const file = path.join(dir, `config-${++fileCount}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

export function errorOf(file: string): ConfigError {
  try {
    loadConfigFile(file);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

export type Json = Record<string, unknown>;
export const sqlite = (name = 'db', file = 'envs/production/shop.db'): Json => ({
  name,
  type: 'sqlite',
  path: file,
});
export const env = (name: string, services: Json[], extra: Json = {}): Json => ({ name, services, ...extra });
export const site = (slug: string, environments: Json[], extra: Json = {}): Json => ({
  slug,
  name: 'Acme Store',
  environments,
  ...extra,
});
export const configWith = (service: Json): Json => ({
  sites: [site('acme-store', [env('production', [service])])],
});

/** Loads `config`, expects exactly one problem at `key`, and checks the message names file, key and `what`. */
export function expectProblem(config: unknown, key: string, what: string | RegExp): ConfigError {
  const file = writeConfig(config);
  const error = errorOf(file);
  expect(error.problems.map((problem) => problem.key)).toEqual([key]);
  expect(error.message).toContain(file);
  expect(error.message).toContain(`${key}: `);
  if (typeof what === 'string') expect(error.message).toContain(what);
  else expect(error.message).toMatch(what);
  return error;
}
