// `npm start`: build the dashboard when its sources are newer than the build, then run the server.
import { ensureDashboardBuilt } from './dashboard-build.ts';

try {
  ensureDashboardBuilt();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
await import('../server/main.ts');
