import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { describeError } from '@/lib/errors';
import { Button } from './button';
import { AlertIcon } from './icons';

/** A region that failed to load: what went wrong (the problem's title and detail) and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  retrying = false,
  className,
}: {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
}) {
  const { title, detail } = describeError(error);
  return (
    <div
      role="alert"
      data-slot="error-state"
      className={cn(
        'flex flex-col items-center gap-3 rounded-xl border border-dashed border-danger/40 p-6 text-center',
        className,
      )}
    >
      <AlertIcon className="size-6 text-danger" />
      <div className="space-y-1">
        <p className="font-medium">{title}</p>
        {detail && <p className="text-sm text-ink-muted">{detail}</p>}
      </div>
      {onRetry && (
        <Button onClick={onRetry} disabled={retrying}>
          {retrying ? 'Trying again…' : 'Try again'}
        </Button>
      )}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
  className,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        'flex flex-col items-center gap-3 rounded-xl border border-dashed border-border p-8 text-center',
        className,
      )}
    >
      <p className="font-medium">{title}</p>
      {children && <div className="max-w-md text-sm text-ink-muted">{children}</div>}
      {action}
    </div>
  );
}
