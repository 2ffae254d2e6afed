import { cn } from '@/lib/cn';

/**
 * A progress bar. `value` null draws an indeterminate one (queued, or the total not known yet): no
 * `aria-valuenow`, `valueText` says what it waits for, and a segment sweeps across rather than standing
 * still at a fraction that would look like progress made. With reduced motion it stays still, full width
 * and faint.
 */
export function Progress({
  value,
  max = 100,
  label,
  valueText,
  className,
}: {
  value: number | null;
  max?: number;
  label: string;
  valueText?: string;
  className?: string;
}) {
  const percent = value === null || max <= 0 ? null : Math.min(100, Math.max(0, (value / max) * 100));
  return (
    <div
      data-slot="progress"
      data-state={percent === null ? 'indeterminate' : 'determinate'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent === null ? undefined : Math.floor(percent)}
      aria-valuetext={valueText}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-surface-muted', className)}
    >
      {percent === null ? (
        <div className="h-full w-2/5 animate-indeterminate rounded-full bg-accent motion-reduce:w-full motion-reduce:animate-none motion-reduce:opacity-40" />
      ) : (
        <div
          className="h-full rounded-full bg-accent transition-[width] duration-500 ease-out motion-reduce:transition-none"
          style={{ width: `${percent}%` }}
        />
      )}
    </div>
  );
}
