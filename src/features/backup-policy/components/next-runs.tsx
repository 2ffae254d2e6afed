import { nextRuns, readSchedule } from '@contract/cron';
import { useNow } from '@/hooks/use-now';
import { formatIn } from '../schedule-words';

const shown = 5;
const formats = new Map<string, Intl.DateTimeFormat>();

/** "Mon, Dec 8, 2026, 02:00" in the schedule's zone. */
function formatRun(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

/**
 * The schedule's next runs as the server will count them (the contract's cron rules, croner in the zone), or
 * why it has none. `id` is the description the schedule's fields point to.
 */
export function NextRuns({
  id,
  cron,
  timezone,
  enabled,
}: {
  id: string;
  /** null while the preset's fields are not filled in yet. */
  cron: string | null;
  timezone: string;
  enabled: boolean;
}) {
  const now = useNow();
  let body;
  if (!enabled) {
    body = <p className="text-ink-muted">None: the schedule is off.</p>;
  } else if (cron === null) {
    body = <p className="text-ink-muted">Fill in the schedule to see when it runs.</p>;
  } else {
    const read = readSchedule({ cron, timezone }, new Date(now));
    if (!read.ok) {
      body = (
        <p className="text-danger">
          <span className="font-medium">{read.problem.title}:</span> {read.problem.detail}
        </p>
      );
    } else {
      const runs = nextRuns(read, new Date(now), shown);
      body = (
        <ol className="space-y-0.5">
          {runs.map((run) => (
            <li key={run.getTime()} className="flex justify-between gap-3">
              <time dateTime={run.toISOString()} className="tabular-nums">
                {formatRun(run, read.timezone)}
              </time>
              <span className="text-ink-muted">{formatIn(run.getTime() - now)}</span>
            </li>
          ))}
        </ol>
      );
    }
  }
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="rounded-lg bg-surface-muted p-3 text-sm">
      <h3 id={`${id}-title`} className="mb-1.5 text-xs font-semibold tracking-wide text-ink-muted uppercase">
        Next runs ({timezone})
      </h3>
      {body}
    </section>
  );
}
