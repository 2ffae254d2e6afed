export function OverviewRoute() {
  return (
    <section aria-labelledby="overview-title" className="space-y-2">
      <h1 id="overview-title" className="text-2xl font-semibold">
        Overview
      </h1>
      <p className="text-ink-muted">Your sites and their environments appear here.</p>
    </section>
  );
}
