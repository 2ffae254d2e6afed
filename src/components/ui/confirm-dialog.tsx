import type { ReactNode } from 'react';
import { ErrorAlert } from './alert';
import { Button } from './button';
import {
  Dialog,
  DialogBody,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from './dialog';
import { SpinnerIcon } from './icons';
import type { FocusTarget } from './return-focus';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  /** Extra content between the description and the buttons (fields, details). */
  children?: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  onConfirm: () => void;
  destructive?: boolean;
  busy?: boolean;
  disabled?: boolean;
  error?: unknown;
  trigger?: ReactNode;
  /** Where the focus goes on closing when the control that opened the dialog may be gone. */
  returnFocusTo?: FocusTarget;
}

/**
 * The one confirmation every consequential action goes through. The confirm button stays disabled while
 * `disabled` (e.g. a typed confirmation does not match) and while `busy`, when it also says so.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  busyLabel,
  onConfirm,
  destructive = false,
  busy = false,
  disabled = false,
  error,
  trigger,
  returnFocusTo,
}: ConfirmDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {trigger}
      <DialogContent returnFocusTo={returnFocusTo}>
        <form
          className="flex min-h-0 flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy && !disabled) onConfirm();
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
          </DialogHeader>
          {/* The description scrolls with the rest: a long label must not push the fields off a phone. */}
          <DialogBody>
            <DialogDescription>{description}</DialogDescription>
            {children}
            {error ? <ErrorAlert error={error} /> : null}
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button
              type="submit"
              variant={destructive ? 'danger' : 'primary'}
              disabled={disabled || busy}
              aria-busy={busy || undefined}
            >
              {busy && <SpinnerIcon />}
              {busy ? (busyLabel ?? confirmLabel) : confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
