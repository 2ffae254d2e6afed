import { useNow } from '@/hooks/use-now';
import { cn } from '@/lib/cn';
import { formatExactTime, formatRelativeTime } from '@/lib/format';

/** "3 hours ago", with the exact time on hover and in the machine-readable `dateTime`. */
export function RelativeTime({ value, className }: { value: string; className?: string }) {
  const now = useNow();
  const exact = formatExactTime(value);
  return (
    <time dateTime={value} title={exact} className={cn('whitespace-nowrap', className)}>
      {formatRelativeTime(value, now)}
    </time>
  );
}
