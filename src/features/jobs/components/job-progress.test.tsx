import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildEnvironment, buildJob, buildSite } from '@/testing/mocks/fixtures';
import { JobProgress } from './job-progress';

const env = buildEnvironment(buildSite());

/** An indeterminate bar: a sweeping segment with no width of its own (no fraction), still with reduced motion. */
function expectIndeterminate(bar: HTMLElement) {
  expect(bar).toHaveAttribute('data-state', 'indeterminate');
  const segment = bar.firstElementChild as HTMLElement;
  expect(segment.style.width).toBe('');
  expect(segment).toHaveClass('animate-indeterminate', 'motion-reduce:animate-none', 'motion-reduce:w-full');
}

describe('job progress', () => {
  it('shows phase, bytes and percentage, then the time left once the rate is known', () => {
    const job = buildJob(env, {
      progress: { phase: 'capturing_files', done_bytes: 20_000_000, total_bytes: 60_000_000 },
    });
    const { rerender } = render(<JobProgress job={job} seenAt={1_000} />);
    const panel = screen.getByRole('region', { name: 'Taking a snapshot' });
    expect(screen.getByRole('progressbar', { name: 'Taking a snapshot' })).toHaveAttribute(
      'aria-valuenow',
      '33',
    );
    expect(panel).toHaveTextContent('Phase:Capturing files');
    expect(panel).toHaveTextContent('20 MB of 60 MB');
    expect(panel).toHaveTextContent('33%');
    expect(panel).toHaveTextContent('Estimating time left…');

    // 10 MB in 2 s: the remaining 30 MB take about 6 s.
    const later = { ...job, progress: { ...job.progress, done_bytes: 30_000_000 } };
    rerender(<JobProgress job={later} seenAt={3_000} />);
    expect(panel).toHaveTextContent('About 6 s left');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');
  });

  it('says what a queued job waits for', () => {
    const job = buildJob(env, {
      type: 'restore',
      status: 'queued',
      selectors: ['db'],
      waiting_for: 'job_earlier',
      progress: { phase: 'queued', done_bytes: 0, total_bytes: 0 },
    });
    render(<JobProgress job={job} seenAt={1_000} />);
    const panel = screen.getByRole('region', { name: 'Restoring the database' });
    const bar = screen.getByRole('progressbar', { name: 'Restoring the database' });
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).toHaveAttribute(
      'aria-valuetext',
      'Queued: waiting for job job_earlier on this environment to finish',
    );
    expectIndeterminate(bar);
    expect(panel).toHaveTextContent('Waiting for job job_earlier on this environment to finish.');
    expect(panel).not.toHaveTextContent('left');
    expect(panel).not.toHaveTextContent('%');
  });

  it('shows no fraction for a running job whose size is not known yet', () => {
    const job = buildJob(env, {
      type: 'restore',
      selectors: ['files'],
      progress: { phase: 'pre_restore_snapshot', done_bytes: 0, total_bytes: 0 },
    });
    render(<JobProgress job={job} seenAt={1_000} />);
    const panel = screen.getByRole('region', { name: 'Restoring the files' });
    const bar = screen.getByRole('progressbar', { name: 'Restoring the files' });
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).toHaveAttribute(
      'aria-valuetext',
      'Taking the pre-restore snapshot: the size is not known yet',
    );
    expectIndeterminate(bar);
    expect(panel).toHaveTextContent('Phase:Taking the pre-restore snapshot');
    expect(panel).not.toHaveTextContent('%');
    expect(panel).not.toHaveTextContent('0 bytes');
  });
});
