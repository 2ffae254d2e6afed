// The local folder backend, for a child process of the conformance suite.
import { createLocalBackend } from '../local-backend.ts';

export const openBackend = (dir: string) => createLocalBackend(dir);
