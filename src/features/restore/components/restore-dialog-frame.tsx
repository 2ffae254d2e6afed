import type { ReactNode } from 'react';
import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import type { FocusTarget } from '@/components/ui/return-focus';

/** The restore dialog while its restore point loads, or when it cannot be found. */
export function RestoreDialogFrame({
  children,
  onClose,
  returnFocusTo,
}: {
  children: ReactNode;
  onClose: () => void;
  returnFocusTo: FocusTarget;
}) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent returnFocusTo={returnFocusTo}>
        <DialogHeader>
          <DialogTitle>Restore</DialogTitle>
          <DialogDescription>Bring back this environment's data from a restore point.</DialogDescription>
        </DialogHeader>
        <DialogBody>{children}</DialogBody>
      </DialogContent>
    </Dialog>
  );
}
