import type { EnvironmentType } from '@contract/schemas';
import { Badge } from '@/components/ui/badge';
import { AlertIcon } from '@/components/ui/icons';

const names: Record<EnvironmentType, string> = {
  production: 'Production',
  staging: 'Staging',
  preview: 'Preview',
  development: 'Development',
};

/** The environment's type; production stands out (filled, with a warning sign) so it is never mistaken. */
export function EnvironmentTypeBadge({ type, className }: { type: EnvironmentType; className?: string }) {
  if (type === 'production') {
    return (
      <Badge tone="production" className={className}>
        <AlertIcon />
        {names.production}
      </Badge>
    );
  }
  return (
    <Badge tone="neutral" className={className}>
      {names[type]}
    </Badge>
  );
}
