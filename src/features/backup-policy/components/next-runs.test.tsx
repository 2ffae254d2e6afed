import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '@/testing/mocks/db';
import { renderApp } from '@/testing/render';
import { NextRuns } from './next-runs';

// Friday 26 March 2027, 13:00 in Paris; clocks go forward there on Sunday the 28th, from 02:00 to 03:00.
const friday = new Date('2027-03-26T12:00:00Z');

const runs = () =>
  within(screen.getByRole('region', { name: /^Next runs/ }))
    .queryAllByRole('listitem')
    .map((item) => item.textContent);

describe('the next runs of a schedule', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(friday);
  });
  afterEach(() => vi.useRealTimers());

  it('shows the next five runs in the zone, as the server counts them across a clock change', () => {
    render(<NextRuns id="runs" cron="30 2 * * *" timezone="Europe/Paris" enabled />);
    expect(screen.getByRole('region', { name: 'Next runs (Europe/Paris)' })).toBeInTheDocument();
    expect(runs()).toEqual([
      'Sat, Mar 27, 2027, 02:30in 14 h',
      'Sun, Mar 28, 2027, 03:00in 37 h', // 02:30 does not exist that day: when the clock jumps
      'Mon, Mar 29, 2027, 02:30in 3 days',
      'Tue, Mar 30, 2027, 02:30in 4 days',
      'Wed, Mar 31, 2027, 02:30in 5 days',
    ]);
    expect(screen.getAllByRole('listitem')[1]!.querySelector('time')).toHaveAttribute(
      'datetime',
      '2027-03-28T01:00:00.000Z',
    );
  });

  it('reads the same expression in another zone, and weekday ranges as cron does', () => {
    render(<NextRuns id="runs" cron="0 9 * * 1-5" timezone="Asia/Kolkata" enabled />);
    expect(runs()).toEqual([
      'Mon, Mar 29, 2027, 09:00in 3 days',
      'Tue, Mar 30, 2027, 09:00in 4 days',
      'Wed, Mar 31, 2027, 09:00in 5 days',
      'Thu, Apr 1, 2027, 09:00in 6 days',
      'Fri, Apr 2, 2027, 09:00in 7 days',
    ]);
  });

  it('says clearly why an expression has no runs', () => {
    const { rerender } = render(<NextRuns id="runs" cron="0 25 * * *" timezone="UTC" enabled />);
    expect(runs()).toEqual([]);
    expect(screen.getByRole('region', { name: /^Next runs/ })).toHaveTextContent(
      /Invalid schedule: "0 25 \* \* \*" is not a valid cron expression \(.*hour.*25.*\)/,
    );
    rerender(<NextRuns id="runs" cron="* * * * *" timezone="UTC" enabled />);
    expect(screen.getByRole('region', { name: /^Next runs/ })).toHaveTextContent(
      /Schedule too frequent: .* more often than every 5 minutes/,
    );
    rerender(<NextRuns id="runs" cron="0 0 30 2 *" timezone="UTC" enabled />);
    expect(screen.getByRole('region', { name: /^Next runs/ })).toHaveTextContent(/never runs/);
    rerender(<NextRuns id="runs" cron="0 2 * * *" timezone="UTC" enabled={false} />);
    expect(screen.getByRole('region', { name: /^Next runs/ })).toHaveTextContent(
      'None: the schedule is off.',
    );
  });

  it('follows the editor as the schedule is changed', async () => {
    seedDemo();
    renderApp('/sites/acme-store/environments/production');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit policy' }, { timeout: 5000 }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Backup policy of production' }));
    await dialog.findByRole('button', { name: 'Save policy' }, { timeout: 3000 });
    // The default, nightly at 02:00, read in the browser's zone (UTC in tests).
    expect(runs()[0]).toBe('Sat, Mar 27, 2027, 02:00in 14 h');

    await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'Repeat' }), 'weekly');
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'On' }), '0');
    expect(runs()).toHaveLength(5);
    expect(runs()[0]).toBe('Sun, Mar 28, 2027, 02:00in 38 h');
    expect(runs()[1]).toMatch(/^Sun, Apr 4, 2027, 02:00/);

    const zone = dialog.getByRole('combobox', { name: 'Time zone' });
    await userEvent.clear(zone);
    await userEvent.type(zone, 'kolkata');
    await userEvent.click(dialog.getByRole('option', { name: /^Asia\/Kolkata/ }));
    expect(screen.getByRole('region', { name: 'Next runs (Asia/Kolkata)' })).toBeInTheDocument();
    expect(runs()[0]).toBe('Sun, Mar 28, 2027, 02:00in 33 h');

    await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'Repeat' }), 'custom');
    const cron = dialog.getByRole('textbox', { name: 'Cron expression' });
    await userEvent.clear(cron);
    await userEvent.type(cron, '0 9 * * 1-5');
    expect(runs()[0]).toBe('Mon, Mar 29, 2027, 09:00in 3 days');
    expect(cron).toHaveAccessibleDescription(/Mon, Mar 29, 2027, 09:00/);
    await userEvent.type(cron, '{Backspace}9');
    expect(cron).toHaveAccessibleDescription(/Invalid schedule: .*day-of-week/i);
  });
});
