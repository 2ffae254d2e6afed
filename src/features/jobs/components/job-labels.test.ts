import { describe, expect, it } from 'vitest';
import { buildEnvironment, buildJob, buildSite } from '@/testing/mocks/fixtures';
import { jobTitle, selectorsArePlural, selectorsLabel } from './job-labels';

const env = buildEnvironment(buildSite());

describe('job labels', () => {
  it('names what a restore brings back, with the verb agreeing', () => {
    const sentence = (selectors: Array<'db' | 'files'>) =>
      `The ${selectorsLabel(selectors)} ${selectorsArePlural(selectors) ? 'are' : 'is'} back.`;
    expect(sentence(['db'])).toBe('The database is back.');
    expect(sentence(['files'])).toBe('The files are back.');
    expect(sentence(['db', 'files'])).toBe('The database and files are back.');
    // No selectors means the whole snapshot.
    expect(sentence([])).toBe('The database and files are back.');
  });

  it('titles a job by what it does', () => {
    expect(jobTitle(buildJob(env))).toBe('Taking a snapshot');
    expect(jobTitle(buildJob(env, { type: 'restore', selectors: ['files'] }))).toBe('Restoring the files');
    expect(jobTitle(buildJob(env, { type: 'restore', selectors: ['db', 'files'] }))).toBe(
      'Restoring the database and files',
    );
  });
});
