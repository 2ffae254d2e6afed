import { AppShell } from '@/components/layout/app-shell';
import { RequireSession } from '@/features/auth/components/require-session';
import { SignOutButton } from '@/features/auth/components/sign-out-button';
import { ActiveJobsIndicator } from '@/features/jobs/components/active-jobs-indicator';
import { useSites } from '@/features/sites/api/get-sites';
import { SiteNavigation } from '@/features/sites/components/site-navigation';
import { useJobNotifications } from '../job-notifications';

function SignedInShell() {
  const sites = useSites();
  const { onJobFinished, undoDialog } = useJobNotifications();
  const slugs = sites.data?.map((site) => site.slug) ?? [];
  return (
    <>
      <AppShell
        nav={(close) => <SiteNavigation onNavigate={close} />}
        status={<ActiveJobsIndicator sites={slugs} onFinished={onJobFinished} />}
        account={<SignOutButton />}
      />
      {undoDialog}
    </>
  );
}

/** Every page but the login page: signed in, inside the shell, with running jobs in the header. */
export function AppRoot() {
  return (
    <RequireSession>
      <SignedInShell />
    </RequireSession>
  );
}
