import path from 'node:path';
import { backendConformance } from './conformance.ts';
import { createLocalBackend } from './local-backend.ts';

backendConformance('local folder', {
  open: (dir) => createLocalBackend(dir),
  childModule: path.join(import.meta.dirname, 'testing', 'open-local-backend.ts'),
});
