import { Progress } from '@/components/ui/progress';

/** A pending snapshot's size, not known yet: it says it is being taken, with an indeterminate bar. */
export function SnapshotBeingTaken({ name }: { name: string }) {
  return (
    <span className="flex min-w-0 items-center gap-2">
      <Progress
        value={null}
        label={`Taking the ${name}`}
        valueText="Being taken: its size is known once it is ready"
        className="h-1.5 w-16 shrink-0"
      />
      <span className="truncate">Being taken…</span>
    </span>
  );
}
