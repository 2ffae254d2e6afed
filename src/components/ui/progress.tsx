import { cn } from '@/lib/cn';

/** A progress bar; `value` null draws an indeterminate one (queued, or total not known yet). */
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
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent === null ? undefined : Math.floor(percent)}
      aria-valuetext={valueText}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-surface-muted', className)}
    >
      <div
        className={cn(
          'h-full rounded-full bg-accent transition-[width] duration-500 ease-out motion-reduce:transition-none',
          percent === null && 'w-1/3 animate-pulse motion-reduce:animate-none',
        )}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
