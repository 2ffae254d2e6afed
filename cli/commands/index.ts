import type { Command } from '../command.ts';
import { backupCreateCommand } from './backup-create.ts';
import { checkCommand } from './check.ts';
import { downloadCommand } from './download.ts';
import { envsCommand } from './envs.ts';
import { jobsWaitCommand } from './jobs-wait.ts';
import { restoreCommand } from './restore.ts';
import { sitesCommand } from './sites.ts';
import { snapshotsDeleteCommand } from './snapshots-delete.ts';
import { snapshotsListCommand } from './snapshots-list.ts';

/** Every command, in the order `rewind --help` lists them. */
export const commands: Command[] = [
  sitesCommand,
  envsCommand,
  backupCreateCommand,
  snapshotsListCommand,
  snapshotsDeleteCommand,
  restoreCommand,
  downloadCommand,
  checkCommand,
  jobsWaitCommand,
];
