// `npm start`, its first step: build the dashboard when its sources are newer than the build. The server then
// runs in a process of its own (`node server/main.js`), which does not load Node's TypeScript stripper.
import { ensureDashboardBuilt } from './dashboard-build.ts';

try {
  ensureDashboardBuilt();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
