import type { SnapshotKind } from '@contract/schemas';
import { cn } from '@/lib/cn';
import { kindLabels } from './snapshot-badges';

export const snapshotKinds: readonly SnapshotKind[] = ['manual', 'scheduled', 'pre_restore'];

/** The `kind` search parameter as kinds in their usual order; none, or every one, means no filter. */
export function parseKinds(value: string | null): SnapshotKind[] {
  const asked = new Set(value?.split(','));
  const kinds = snapshotKinds.filter((kind) => asked.has(kind));
  return kinds.length === snapshotKinds.length ? [] : kinds;
}

/** "pre-restore", "manual or scheduled": the kinds shown, in a sentence. */
export function kindsInWords(kinds: readonly SnapshotKind[]): string {
  return kinds.map((kind) => kindLabels[kind].toLowerCase()).join(' or ');
}

const toggle =
  'h-7 rounded-full border px-3 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent';
const pressed = 'border-accent/40 bg-accent/10 text-accent';
const released = 'border-border bg-surface text-ink-muted hover:bg-surface-muted hover:text-ink';

/**
 * Which kinds of snapshot the history shows: all of them, or the ones pressed (several can be). Pressing the
 * last one pressed, or All, shows everything again.
 */
export function KindFilter({
  value,
  onChange,
}: {
  value: readonly SnapshotKind[];
  onChange: (kinds: SnapshotKind[]) => void;
}) {
  const flip = (kind: SnapshotKind) => {
    const next = value.includes(kind) ? value.filter((k) => k !== kind) : [...value, kind];
    onChange(parseKinds(next.join(',')));
  };
  return (
    <div role="group" aria-label="Show snapshots of kind" className="flex flex-wrap items-center gap-1.5">
      <span aria-hidden="true" className="text-xs text-ink-muted">
        Show
      </span>
      <button
        type="button"
        aria-pressed={value.length === 0}
        className={cn(toggle, value.length === 0 ? pressed : released)}
        onClick={() => onChange([])}
      >
        All
      </button>
      {snapshotKinds.map((kind) => (
        <button
          key={kind}
          type="button"
          aria-pressed={value.includes(kind)}
          className={cn(toggle, value.includes(kind) ? pressed : released)}
          onClick={() => flip(kind)}
        >
          {kindLabels[kind]}
        </button>
      ))}
    </div>
  );
}
