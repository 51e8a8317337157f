import type { Command, Option } from 'commander';
import type { BackupDto } from '../../common/dto';
import { acquireAgentLock } from '../adapters/node/agent-lock';
import { toBackupDto } from '../core/backup/backup-schedule';
import { isBackupId, listBackups } from '../adapters/node/backup/encrypted-backups';
import { restoreBackup, RestoreError } from '../adapters/node/backup/restore-backup';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { EXIT_FAILED, EXIT_OK, type Output } from './cli-request';
import type { Ask } from './cli-policy';

/** An online backup of a large database takes seconds; the default answer time is for quick operations. */
const BACKUP_TIMEOUT_MS = 10 * 60_000;

function formatBackup(backup: BackupDto): string {
  return `${backup.id}  ${backup.createdAt.slice(0, 19).replace('T', ' ')}  ${String(backup.bytes)} bytes`;
}

/**
 * `clockhand backup now|list|restore <id>`. `now` asks the running agent (it holds the database); `list` reads the
 * backups folder; `restore` is refused while an agent or the app runs (they hold the database open): the CLI holds
 * the agent lock while it replaces the database.
 */
export function addBackupCommands(
  program: Command,
  json: Option,
  ask: Ask,
  io: Output,
  dataDir: () => string,
  usage: (message: string) => Error,
  setExit: (code: number) => void,
): void {
  const backup = program.command('backup').description('encrypted backups of the database: now, list, restore <id>');
  backup
    .command('now')
    .description('take an encrypted backup now (the agent also takes one daily and keeps backup.keep of them)')
    .addOption(json)
    .action(async (o: { json?: boolean }) => {
      await ask('backup.now', {}, o.json, (b) => `Backed up: ${formatBackup(b)}`, BACKUP_TIMEOUT_MS);
    });
  backup
    .command('list')
    .description('the encrypted backups in the data directory, newest first')
    .addOption(json)
    .action((o: { json?: boolean }) => {
      const backups = listBackups(dataDir()).map(toBackupDto);
      if (o.json === true) io.out(JSON.stringify(backups, null, 2));
      else io.out(backups.length === 0 ? 'No backups yet (clockhand backup now).' : backups.map(formatBackup).join('\n'));
      setExit(EXIT_OK);
    });
  backup
    .command('restore <id>')
    .description('replace the database with a backup (validated first; stop the agent or app before)')
    .addOption(json)
    .action(async (id: string, o: { json?: boolean }) => {
      if (!isBackupId(id)) throw usage(`"${id.slice(0, 40)}" is not a backup id (see clockhand backup list)`);
      setExit(await restore(io, dataDir(), id, o.json === true));
    });
}

async function restore(io: Output, dir: string, id: string, json: boolean): Promise<number> {
  const fail = (message: string): number => {
    io.err(json ? JSON.stringify({ error: { code: 'conflict', message } }) : `clockhand: ${message}`);
    return EXIT_FAILED;
  };
  const lock = acquireAgentLock(dir);
  if (lock === null)
    return fail(`a Clockhand agent or app is running on ${dir}: stop it first (restore replaces the database it has open)`);
  try {
    const restored = await restoreBackup(dir, id, new KeytarSecretStore());
    io.out(
      json
        ? JSON.stringify({ restored: restored.id, schemaVersion: restored.schemaVersion }, null, 2)
        : `Restored backup ${restored.id}. Start Clockhand again to use it.`,
    );
    return EXIT_OK;
  } catch (error) {
    if (error instanceof RestoreError) return fail(error.message);
    return fail(`restore failed: ${error instanceof Error ? error.message : String(error)}; nothing was changed`);
  } finally {
    lock.release();
  }
}
