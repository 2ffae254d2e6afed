import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

const tones = {
  neutral: 'border-border bg-surface-muted text-ink-muted',
  accent: 'border-accent/30 bg-accent/10 text-accent',
  success: 'border-success/30 bg-success/10 text-success',
  warning: 'border-warning/30 bg-warning/10 text-warning',
  danger: 'border-danger/30 bg-danger/10 text-danger',
  production: 'border-transparent bg-danger text-danger-ink',
} as const;

export type BadgeTone = keyof typeof tones;

/** A short label. Its meaning is in its text (and usually an icon), never in its colour alone. */
export function Badge({
  tone = 'neutral',
  className,
  ...props
}: ComponentProps<'span'> & { tone?: BadgeTone }) {
  return (
    <span
      data-slot="badge"
      className={cn(
        'inline-flex h-5 shrink-0 items-center gap-1 rounded-full border px-2 text-xs font-medium whitespace-nowrap',
        '[&_svg]:size-3',
        tones[tone],
        className,
      )}
      {...props}
    />
  );
}
