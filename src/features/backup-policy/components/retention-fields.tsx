import { Input } from '@/components/ui/input';
import { limits, type PolicyForm, type PolicyFormErrors } from '../policy-form';
import { describedBy, FormField } from './form-field';

type CountKey = 'days' | 'keep_last' | 'keep_daily' | 'keep_weekly' | 'keep_monthly';

const fields: Array<{ key: CountKey; label: string; hint: string }> = [
  { key: 'days', label: 'Restorable for (days)', hint: 'How long each snapshot can be restored.' },
  {
    key: 'keep_last',
    label: 'Always keep the last',
    hint: 'The newest snapshots, kept whatever their age.',
  },
  { key: 'keep_daily', label: 'Daily snapshots to keep', hint: 'The newest of each of the last N days.' },
  { key: 'keep_weekly', label: 'Weekly snapshots to keep', hint: 'The newest of each of the last N weeks.' },
  {
    key: 'keep_monthly',
    label: 'Monthly snapshots to keep',
    hint: 'The newest of each of the last N months.',
  },
];

/** How long snapshots stay restorable, and which are kept longer. */
export function RetentionFields({
  form,
  errors,
  change,
}: {
  form: PolicyForm;
  errors: PolicyFormErrors;
  change: (patch: Partial<PolicyForm>) => void;
}) {
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-semibold">Retention</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.map(({ key, label, hint }) => {
          const id = `policy-${key.replace('_', '-')}`;
          return (
            <FormField key={key} id={id} label={label} hint={hint} error={errors[key]}>
              <Input
                type="number"
                inputMode="numeric"
                min={key === 'days' ? 1 : 0}
                max={limits[key]}
                value={form[key]}
                onChange={(event) => change({ [key]: event.target.value })}
                {...describedBy(id, errors[key], true)}
              />
            </FormField>
          );
        })}
      </div>
    </fieldset>
  );
}
