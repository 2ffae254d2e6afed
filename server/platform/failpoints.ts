// Crash tests need the process to die at an exact instant, the way a power cut or an OOM kill would:
// no `finally`, no flush, no exit handlers. Naming a failpoint in REWIND_FAILPOINTS arms it.

/** Kills the process with SIGKILL here when REWIND_FAILPOINTS (a comma list) names this point. */
export function failpoint(name: string): void {
  const armed = process.env.REWIND_FAILPOINTS;
  if (!armed) return;
  if (armed.split(',').some((entry) => entry.trim() === name)) process.kill(process.pid, 'SIGKILL');
}
