import { Input, Select } from '@/components/ui/input';
import { formCron, scheduleComplete, type PolicyForm, type PolicyFormErrors } from '../policy-form';
import { weekdayNames, type Frequency } from '../schedule-words';
import { describedBy, FormField } from './form-field';
import { NextRuns } from './next-runs';
import { TimeZonePicker } from './time-zone-picker';

const frequencies: Array<[Frequency, string]> = [
  ['hourly', 'Every hour'],
  ['daily', 'Every day'],
  ['weekly', 'Every week'],
  ['custom', 'Custom (cron expression)'],
];
// Monday first, as calendars in most places show the week.
const weekOrder = [1, 2, 3, 4, 5, 6, 0];

interface FieldsProps {
  form: PolicyForm;
  errors: PolicyFormErrors;
  change: (patch: Partial<PolicyForm>) => void;
}

/** When backups run: on or off, a preset or a cron expression, and the zone its times are read in. */
export function ScheduleFields({ form, errors, change }: FieldsProps) {
  const atTime = form.frequency === 'daily' || form.frequency === 'weekly';
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-semibold">Schedule</legend>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(event) => change({ enabled: event.target.checked })}
          className="size-4 accent-accent"
        />
        Take snapshots on this schedule
      </label>
      {/* Off, the schedule keeps its values (turning it on again brings them back) but cannot be edited. */}
      <fieldset
        disabled={!form.enabled}
        aria-label="When snapshots are taken"
        aria-describedby={form.enabled ? undefined : 'policy-schedule-off'}
        className="m-0 grid min-w-0 gap-3 border-0 p-0"
      >
        {!form.enabled && (
          <p id="policy-schedule-off" className="text-xs text-ink-muted">
            The schedule is off: turn it on to change when snapshots are taken.
          </p>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField id="policy-frequency" label="Repeat">
            <Select
              id="policy-frequency"
              value={form.frequency}
              onChange={(event) => change({ frequency: event.target.value as Frequency })}
            >
              {frequencies.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </FormField>
          {form.frequency === 'weekly' && (
            <FormField id="policy-weekday" label="On">
              <Select
                id="policy-weekday"
                value={form.weekday}
                onChange={(event) => change({ weekday: event.target.value })}
              >
                {weekOrder.map((day) => (
                  <option key={day} value={String(day)}>
                    {weekdayNames[day]}
                  </option>
                ))}
              </Select>
            </FormField>
          )}
          {atTime && (
            <FormField id="policy-time" label="At" error={errors.time}>
              <Input
                type="time"
                value={form.time}
                required
                onChange={(event) => change({ time: event.target.value })}
                {...describedBy('policy-time', errors.time)}
              />
            </FormField>
          )}
          {form.frequency === 'hourly' && (
            <FormField id="policy-minute" label="Minutes past the hour" error={errors.minute}>
              <Input
                type="number"
                inputMode="numeric"
                min={0}
                max={59}
                value={form.minute}
                onChange={(event) => change({ minute: event.target.value })}
                {...describedBy('policy-minute', errors.minute)}
              />
            </FormField>
          )}
        </div>
        {form.frequency === 'custom' && (
          <FormField
            id="policy-cron"
            label="Cron expression"
            error={errors.cron}
            hint="Five fields: minute hour day-of-month month day-of-week, e.g. 0 2 * * 1-5 for weekdays at 02:00."
          >
            <Input
              value={form.cron}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              onChange={(event) => change({ cron: event.target.value })}
              {...describedBy('policy-cron', errors.cron, true)}
              // What the expression means, or why it is wrong, is heard with it.
              aria-describedby={`${errors.cron ? 'policy-cron-error' : 'policy-cron-hint'} policy-next-runs`}
            />
          </FormField>
        )}
      </fieldset>
      <TimeZonePicker
        id="policy-timezone"
        value={form.timezone}
        error={errors.timezone}
        onChange={(timezone) => change({ timezone })}
      />
      <NextRuns
        id="policy-next-runs"
        cron={form.frequency === 'custom' || scheduleComplete(form) ? formCron(form) : null}
        timezone={form.timezone}
        enabled={form.enabled}
      />
    </fieldset>
  );
}
