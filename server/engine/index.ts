// The engine's public face: what the job runner and the HTTP routes call.
export { captureSnapshot, type CaptureOptions, type CaptureResult } from './capture.ts';
export { restoreSnapshot, type RestoreOptions } from './restore.ts';
export { recoverInterruptedSwaps, type JournalledService, type RecoveryOptions } from './recovery.ts';
export type { RecoveryOutcome } from './swap.ts';
export { archiveFileName, createArchive, selectManifest, type ArchiveOptions } from './archive.ts';
export { sweepStore } from './sweep.ts';
export { verifySnapshots, type Damage, type DamageCode } from './verify.ts';
export { measureService } from './measure.ts';
export { failpoint } from '../platform/failpoints.ts';
export * from './types.ts';
