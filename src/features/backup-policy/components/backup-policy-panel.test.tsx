import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { db, requestsTo, seedDemo } from '@/testing/mocks/db';
import { problem } from '@/testing/mocks/problem';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/render';

const policyPath = (env: string) => `/v1/sites/acme-store/environments/${env}/backup-policy`;

async function panel() {
  // The environment page loads on demand: the first render of a test file can take a while on a busy machine.
  return within(await screen.findByRole('region', { name: 'Scheduled backups' }, { timeout: 5000 }));
}

async function openEditor(env: string) {
  await userEvent.click((await panel()).getByRole('button', { name: 'Edit policy' }));
  const dialog = within(await screen.findByRole('dialog', { name: `Backup policy of ${env}` }));
  await dialog.findByRole('button', { name: 'Save policy' }, { timeout: 3000 }); // the editor loads on demand
  return dialog;
}

describe('backup policy panel', () => {
  it("says production's nightly default in plain words, with the next run", async () => {
    seedDemo();
    renderApp('/sites/acme-store/environments/production');
    expect(
      await (await panel()).findByText('Every day at 02:00 UTC, kept 14 days — next run in 5 h'),
    ).toBeInTheDocument();
    expect((await panel()).getByText(/default policy for this type of environment/)).toBeInTheDocument();
  });

  it('sets a daily policy on staging from the editor, and shows it with its next run', async () => {
    seedDemo();
    renderApp('/sites/acme-store/environments/staging');
    expect(
      await (await panel()).findByText('No scheduled backups; snapshots are kept 14 days'),
    ).toBeInTheDocument();

    const dialog = await openEditor('staging');
    expect(dialog.getByRole('combobox', { name: 'Repeat' })).toBeDisabled();
    await userEvent.click(dialog.getByRole('checkbox', { name: 'Take snapshots on this schedule' }));
    expect(dialog.getByRole('combobox', { name: 'Repeat' })).toBeEnabled();
    expect(dialog.getByRole('combobox', { name: 'Repeat' })).toHaveValue('daily');
    const at = dialog.getByLabelText('At');
    await userEvent.clear(at);
    await userEvent.type(at, '03:30');
    const zone = dialog.getByRole('combobox', { name: 'Time zone' });
    await userEvent.clear(zone);
    await userEvent.type(zone, 'paris');
    await userEvent.click(dialog.getByRole('option', { name: /^Europe\/Paris/ }));
    expect(zone).toHaveValue('Europe/Paris');
    await userEvent.clear(dialog.getByRole('spinbutton', { name: 'Daily snapshots to keep' }));
    await userEvent.type(dialog.getByRole('spinbutton', { name: 'Daily snapshots to keep' }), '7');
    await userEvent.click(dialog.getByRole('button', { name: 'Save policy' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const [put] = requestsTo('PUT', policyPath('staging'));
    expect(put?.body).toEqual({
      schedule: { cron: '30 3 * * *', timezone: 'Europe/Paris', enabled: true },
      retention: { days: 14, keep_last: 3, keep_daily: 7, keep_weekly: 0, keep_monthly: 0 },
    });
    expect(put?.headers.get('x-csrf-token')).toBe(db.csrf);
    expect(
      await (
        await panel()
      ).findByText('Every day at 03:30 Europe/Paris, kept 14 days, plus 7 daily snapshots — next run in 6 h'),
    ).toBeInTheDocument();
  });

  it('offers weekly and custom schedules, and checks the fields before sending anything', async () => {
    seedDemo();
    renderApp('/sites/acme-store/environments/production');
    const dialog = await openEditor('production');
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'Repeat' }), 'weekly');
    expect(dialog.getByRole('combobox', { name: 'On' })).toHaveValue('1');
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'Repeat' }), 'custom');
    const cron = dialog.getByRole('textbox', { name: 'Cron expression' });
    await userEvent.clear(cron);
    await userEvent.type(cron, '0 2 *');
    const days = dialog.getByRole('spinbutton', { name: 'Restorable for (days)' });
    await userEvent.clear(days);
    await userEvent.type(days, '0');
    await userEvent.click(dialog.getByRole('button', { name: 'Save policy' }));

    expect(days).toHaveAttribute('aria-invalid', 'true');
    expect(days).toHaveAccessibleDescription('Enter a whole number of days from 1 to 3650.');
    expect(cron).toHaveAccessibleDescription(/has five fields/);
    expect(cron).toHaveFocus();
    expect(requestsTo('PUT', policyPath('production'))).toHaveLength(0);

    // Fixed, the messages go as you type, and the policy is sent.
    await userEvent.type(cron, ' * *');
    await userEvent.clear(days);
    await userEvent.type(days, '30');
    expect(days).not.toHaveAttribute('aria-invalid');
    await userEvent.click(dialog.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(requestsTo('PUT', policyPath('production'))).toHaveLength(1));
    expect(requestsTo('PUT', policyPath('production'))[0]?.body).toMatchObject({
      schedule: { cron: '0 2 * * *', enabled: true },
      retention: { days: 30 },
    });
  });

  it('keeps the schedule while it is off, but not editable, and still saves', async () => {
    seedDemo();
    renderApp('/sites/acme-store/environments/production');
    const dialog = await openEditor('production');
    const repeat = dialog.getByRole('combobox', { name: 'Repeat' });
    await userEvent.selectOptions(repeat, 'weekly');
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'On' }), '3');

    await userEvent.click(dialog.getByRole('checkbox', { name: 'Take snapshots on this schedule' }));
    for (const field of [repeat, dialog.getByRole('combobox', { name: 'On' }), dialog.getByLabelText('At')]) {
      expect(field).toBeDisabled();
    }
    expect(repeat).toHaveValue('weekly');
    expect(dialog.getByRole('combobox', { name: 'On' })).toHaveValue('3');
    expect(dialog.getByLabelText('At')).toHaveValue('02:00');
    expect(dialog.getByRole('group', { name: 'When snapshots are taken' })).toHaveAccessibleDescription(
      /The schedule is off/,
    );

    await userEvent.click(dialog.getByRole('checkbox', { name: 'Take snapshots on this schedule' }));
    expect(repeat).toBeEnabled();
    await userEvent.selectOptions(repeat, 'custom');
    await userEvent.clear(dialog.getByRole('textbox', { name: 'Cron expression' }));
    await userEvent.type(dialog.getByRole('textbox', { name: 'Cron expression' }), '0 2');
    await userEvent.click(dialog.getByRole('checkbox', { name: 'Take snapshots on this schedule' }));
    expect(dialog.getByRole('textbox', { name: 'Cron expression' })).toBeDisabled();

    // Off, a half-typed expression does not stop the save: the saved schedule is kept.
    await userEvent.click(dialog.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requestsTo('PUT', policyPath('production'))[0]?.body).toMatchObject({
      schedule: { cron: '0 2 * * *', timezone: expect.any(String), enabled: false },
    });
    expect(await (await panel()).findByText(/^No scheduled backups/)).toBeInTheDocument();
  });

  it('picks the zone from a searchable list inside the dialog; Escape closes the list first', async () => {
    const { production } = seedDemo();
    // Saved under an old name: shown, and sent back, under the current one.
    production.backup_policy = {
      ...production.backup_policy,
      is_default: false,
      schedule: { ...production.backup_policy.schedule, timezone: 'Europe/Kiev' },
    };
    renderApp('/sites/acme-store/environments/production');
    const dialog = await openEditor('production');
    const zone = dialog.getByRole('combobox', { name: 'Time zone' });
    expect(zone).toHaveValue('Europe/Kyiv');

    await userEvent.clear(zone);
    await userEvent.type(zone, '+05:30');
    expect(zone).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{Escape}');
    expect(zone).toHaveAttribute('aria-expanded', 'false');
    expect(zone).toHaveValue('Europe/Kyiv');
    expect(screen.getByRole('dialog', { name: 'Backup policy of production' })).toBeInTheDocument();

    await userEvent.click(dialog.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(requestsTo('PUT', policyPath('production'))).toHaveLength(1));
    expect(requestsTo('PUT', policyPath('production'))[0]?.body).toMatchObject({
      schedule: { timezone: 'Europe/Kyiv' },
    });
  });

  it("shows the server's refusal in the dialog and keeps it open", async () => {
    seedDemo();
    server.use(
      http.put(policyPath('production'), () =>
        problem(
          400,
          'invalid_cron',
          'Invalid schedule',
          '"0 25 * * *" is not a valid cron expression (Invalid value for hour: 25).',
          'schedule.cron',
        ),
      ),
    );
    renderApp('/sites/acme-store/environments/production');
    const dialog = await openEditor('production');
    await userEvent.click(dialog.getByRole('button', { name: 'Save policy' }));
    const alert = await dialog.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid schedule');
    expect(alert).toHaveTextContent('Invalid value for hour: 25');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
