import { ensureDashboardBuilt } from '../scripts/dashboard-build.ts';

export default function globalSetup(): void {
  ensureDashboardBuilt();
}
