import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { describeError } from '@/lib/errors';
import { AlertIcon } from './icons';

/** An inline error, announced when it appears: the problem's title and detail. */
export function ErrorAlert({ error, className }: { error: unknown; className?: string }) {
  const { title, detail } = describeError(error);
  return (
    <div
      role="alert"
      data-slot="alert"
      className={cn('flex gap-2.5 rounded-lg border border-danger/30 bg-danger/10 p-3 text-sm', className)}
    >
      <AlertIcon className="mt-0.5 size-4 shrink-0 text-danger" />
      <div className="min-w-0">
        <p className="font-medium text-ink">{title}</p>
        {detail && <p className="text-ink-muted">{detail}</p>}
      </div>
    </div>
  );
}

/** A neutral or warning note inside a dialog or a panel. */
export function Note({
  tone = 'neutral',
  children,
  className,
}: {
  tone?: 'neutral' | 'warning';
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      data-slot="note"
      className={cn(
        'rounded-lg border p-3 text-sm',
        tone === 'warning' ? 'border-warning/40 bg-warning/10' : 'border-border bg-surface-muted',
        className,
      )}
    >
      {children}
    </div>
  );
}
