import type { Snapshot, SnapshotKind } from '@contract/schemas';
import { Badge } from '@/components/ui/badge';
import { AlertIcon, CheckIcon, ClockIcon } from '@/components/ui/icons';

export const kindLabels: Record<SnapshotKind, string> = {
  manual: 'Manual',
  scheduled: 'Scheduled',
  pre_restore: 'Pre-restore',
};

export function KindBadge({ kind }: { kind: SnapshotKind }) {
  return <Badge tone={kind === 'pre_restore' ? 'accent' : 'neutral'}>{kindLabels[kind]}</Badge>;
}

export function StatusBadge({ snapshot }: { snapshot: Snapshot }) {
  switch (snapshot.status) {
    case 'ready':
      return (
        <Badge tone="success">
          <CheckIcon />
          Ready
        </Badge>
      );
    case 'pending':
      return (
        <Badge tone="warning">
          <ClockIcon />
          In progress
        </Badge>
      );
    case 'failed':
      return (
        <Badge tone="danger" title={snapshot.error?.detail}>
          <AlertIcon />
          Failed
        </Badge>
      );
  }
}
