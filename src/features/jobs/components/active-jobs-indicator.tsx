import { useQueries } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { Job } from '@contract/schemas';
import { SpinnerIcon } from '@/components/ui/icons';
import { cn } from '@/lib/cn';
import { activeJobsQueryOptions } from '../api/get-active-jobs';
import { ActiveJobItem } from './active-job-item';

export type OnJobFinished = (site: string, job: Job) => void;

/**
 * The header's running jobs, wherever you are. Its items are the one place that polls each job (they stay
 * mounted while the panel is closed); with no active job nothing here asks anything again.
 */
export function ActiveJobsIndicator({ sites, onFinished }: { sites: string[]; onFinished?: OnJobFinished }) {
  const lists = useQueries({ queries: sites.map((site) => activeJobsQueryOptions(site)) });
  const entries = lists.flatMap((list, index) =>
    (list.data?.data ?? []).map((job) => ({ site: sites[index] ?? '', id: job.id })),
  );
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (entries.length === 0) return null;
  const label = `${entries.length} ${entries.length === 1 ? 'job' : 'jobs'} running`;
  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex h-8 items-center gap-2 rounded-full border border-accent/30 bg-accent/10 px-3 text-sm font-medium text-accent hover:bg-accent/15"
      >
        <SpinnerIcon className="size-4" />
        <span className="sr-only sm:not-sr-only">{label}</span>
        <span aria-hidden="true" className="sm:hidden">
          {entries.length}
        </span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={cn(
          'absolute right-0 z-40 mt-2 w-[min(22rem,calc(100vw-2rem))] rounded-xl border border-border bg-surface p-2 shadow-lg',
        )}
      >
        <p className="px-2 py-1 text-xs font-medium text-ink-muted">{label}</p>
        <ul className="space-y-1">
          {entries.map((entry) => (
            <ActiveJobItem
              key={entry.id}
              site={entry.site}
              jobId={entry.id}
              onFinished={onFinished}
              onNavigate={() => setOpen(false)}
            />
          ))}
        </ul>
      </div>
    </div>
  );
}
