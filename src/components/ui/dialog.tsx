import * as DialogPrimitive from '@radix-ui/react-dialog';
import { useRef, type ComponentProps } from 'react';
import { cn } from '@/lib/cn';
import { CrossIcon } from './icons';
import { openersOf, returnFocus, type FocusTarget } from './return-focus';

export function Dialog(props: ComponentProps<typeof DialogPrimitive.Root>) {
  return <DialogPrimitive.Root data-slot="dialog" {...props} />;
}

export function DialogTrigger(props: ComponentProps<typeof DialogPrimitive.Trigger>) {
  return <DialogPrimitive.Trigger data-slot="dialog-trigger" {...props} />;
}

export function DialogClose(props: ComponentProps<typeof DialogPrimitive.Close>) {
  return <DialogPrimitive.Close data-slot="dialog-close" {...props} />;
}

/**
 * The dialog's box: never wider than the screen (long words break rather than push it wider), a column whose
 * `DialogBody` scrolls when it is taller than the screen while the header and the buttons stay in view. Its
 * parts (`DialogHeader`, `DialogBody`, `DialogFooter`) carry the side padding, so the body's scroll area
 * spans the whole width and its fields' focus rings are not clipped.
 * Closing gives the focus back to the control that opened it (see `returnFocus`).
 */
export function DialogContent({
  className,
  children,
  returnFocusTo,
  onOpenAutoFocus,
  onCloseAutoFocus,
  ...props
}: ComponentProps<typeof DialogPrimitive.Content> & {
  /** Where the focus goes on closing when the control that opened it may be gone (route-driven dialogs). */
  returnFocusTo?: FocusTarget;
}) {
  const openers = useRef<HTMLElement[]>([]);
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay
        data-slot="dialog-overlay"
        className="fixed inset-0 z-50 bg-black/50 backdrop-blur-[1px]"
      />
      <DialogPrimitive.Content
        data-slot="dialog-content"
        className={cn(
          'fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col',
          'gap-4 overflow-y-auto overscroll-contain rounded-xl border border-border bg-surface py-5 wrap-anywhere text-ink shadow-xl sm:py-6',
          className,
        )}
        onOpenAutoFocus={(event) => {
          openers.current = openersOf(event.currentTarget);
          onOpenAutoFocus?.(event);
        }}
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus?.(event);
          if (!event.defaultPrevented) returnFocus(event, openers.current, returnFocusTo);
        }}
        {...props}
      >
        {children}
        <DialogPrimitive.Close
          className="absolute top-3 right-3 rounded-md p-1.5 text-ink-muted hover:bg-surface-muted hover:text-ink focus-visible:outline-2 focus-visible:outline-accent"
          aria-label="Close"
        >
          <CrossIcon className="size-4" />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({ className, ...props }: ComponentProps<'div'>) {
  // The right padding leaves room for the close button.
  return (
    <div
      data-slot="dialog-header"
      className={cn('grid shrink-0 gap-1.5 pr-13 pl-5 sm:pr-14 sm:pl-6', className)}
      {...props}
    />
  );
}

/** What lies between the header and the buttons; it scrolls when the dialog is taller than the screen. */
export function DialogBody({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="dialog-body"
      className={cn('flex min-h-0 flex-col gap-4 overflow-y-auto px-5 py-1 sm:px-6', className)}
      {...props}
    />
  );
}

/** The buttons: stacked, full width and wrapping their labels on a narrow screen; in a row from `sm` on. */
export function DialogFooter({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="dialog-footer"
      className={cn(
        'flex shrink-0 flex-col-reverse gap-2 px-5 sm:flex-row sm:flex-wrap sm:justify-end sm:px-6',
        '*:h-auto *:min-h-9 *:py-1.5 *:whitespace-normal',
        className,
      )}
      {...props}
    />
  );
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return (
    <DialogPrimitive.Title
      data-slot="dialog-title"
      className={cn('text-lg leading-tight font-semibold', className)}
      {...props}
    />
  );
}

export function DialogDescription({
  className,
  ...props
}: ComponentProps<typeof DialogPrimitive.Description>) {
  return (
    <DialogPrimitive.Description
      data-slot="dialog-description"
      className={cn('text-sm text-ink-muted', className)}
      {...props}
    />
  );
}
