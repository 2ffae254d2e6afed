export function SitesNav() {
  return (
    <nav aria-label="Sites and environments" className="space-y-2 text-sm">
      <h2 className="text-xs font-semibold tracking-wide text-ink-muted uppercase">Sites</h2>
      <p className="text-ink-muted">No sites yet.</p>
    </nav>
  );
}
