import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from './dialog';

/** A page whose button opens a dialog without a Radix trigger, as a history row's Delete does. */
function RowButtonPage({ removeOpenerOnClose = false }: { removeOpenerOnClose?: boolean }) {
  const [open, setOpen] = useState(false);
  const [removed, setRemoved] = useState(false);
  return (
    <main id="main" tabIndex={-1}>
      {!removed && <button onClick={() => setOpen(true)}>Delete snapshot</button>}
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next && removeOpenerOnClose) setRemoved(true);
        }}
      >
        <DialogContent aria-describedby={undefined}>
          <DialogTitle>Delete this snapshot?</DialogTitle>
        </DialogContent>
      </Dialog>
    </main>
  );
}

describe('dialog focus', () => {
  it('gives the focus back to the button that opened it, though it is no Radix trigger', async () => {
    render(<RowButtonPage />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete snapshot' }));
    await screen.findByRole('dialog', { name: 'Delete this snapshot?' });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Delete snapshot' })).toHaveFocus());
  });

  it('gives it to the page’s main region when that button is gone', async () => {
    render(<RowButtonPage removeOpenerOnClose />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete snapshot' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
  });

  it('gives it back to its trigger, though a click did not focus it (as in Safari)', async () => {
    render(
      <main id="main" tabIndex={-1}>
        <Dialog>
          <DialogTrigger>Take snapshot</DialogTrigger>
          <DialogContent aria-describedby={undefined}>
            <DialogTitle>Take a snapshot</DialogTitle>
          </DialogContent>
        </Dialog>
      </main>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Take snapshot' }));
    await screen.findByRole('dialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Take snapshot' })).toHaveFocus());
  });
});
