import type { BackupPolicy } from '@contract/schemas';
import { useState } from 'react';
import { toast } from 'sonner';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogBody, DialogClose, DialogFooter } from '@/components/ui/dialog';
import { SpinnerIcon } from '@/components/ui/icons';
import { useSaveBackupPolicy } from '../api/save-backup-policy';
import {
  checkPolicyForm,
  formFromPolicy,
  requestFromForm,
  type PolicyForm,
  type PolicyFormErrors,
} from '../policy-form';
import { summarizePolicy } from '../schedule-words';
import { RetentionFields } from './retention-fields';
import { ScheduleFields } from './schedule-fields';

/**
 * The policy form: checked when saved (the first wrong field gets the focus), then PUT; the server's refusal
 * shows above the buttons. It mounts with each opening of the dialog, so it starts from the saved policy.
 */
export function PolicyEditor({
  site,
  env,
  policy,
  onSaved,
}: {
  site: string;
  env: string;
  policy: BackupPolicy;
  onSaved: () => void;
}) {
  const [form, setForm] = useState<PolicyForm>(() => formFromPolicy(policy));
  const [errors, setErrors] = useState<PolicyFormErrors>({});
  const [checked, setChecked] = useState(false);
  const save = useSaveBackupPolicy(site, env);

  const change = (patch: Partial<PolicyForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    // Once a save was tried, the messages follow the typing.
    if (checked) setErrors(checkPolicyForm(next));
  };

  const submit = () => {
    const found = checkPolicyForm(form);
    setErrors(found);
    setChecked(true);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`policy-${first.replace('_', '-')}`)?.focus();
      return;
    }
    save.mutate(requestFromForm(form, policy.schedule.cron), {
      onSuccess: (saved) => {
        onSaved();
        toast.success('Backup policy saved', { description: summarizePolicy(saved, Date.now()) });
      },
    });
  };

  return (
    <form
      noValidate
      className="flex min-h-0 flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        if (!save.isPending) submit();
      }}
    >
      <DialogBody className="gap-5">
        <ScheduleFields form={form} errors={errors} change={change} />
        <RetentionFields form={form} errors={errors} change={change} />
        {save.error ? <ErrorAlert error={save.error} /> : null}
      </DialogBody>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button
          type="submit"
          variant="primary"
          disabled={save.isPending}
          aria-busy={save.isPending || undefined}
        >
          {save.isPending && <SpinnerIcon />}
          {save.isPending ? 'Saving…' : 'Save policy'}
        </Button>
      </DialogFooter>
    </form>
  );
}
