import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { SignOutIcon } from '@/components/ui/icons';
import { describeError } from '@/lib/errors';
import { useSignOut } from '../api/session';

export function SignOutButton() {
  const signOut = useSignOut();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={signOut.isPending}
      onClick={() =>
        signOut.mutate(undefined, {
          onError: (error) => {
            const { title, detail } = describeError(error);
            toast.error(title, { description: detail });
          },
        })
      }
    >
      <SignOutIcon />
      <span className="sr-only sm:not-sr-only">Sign out</span>
    </Button>
  );
}
