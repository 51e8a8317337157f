/** One encrypted backup of the database in the data directory. */
export interface BackupInfo {
  /** YYYYMMDD-HHMMSS (local time of creation), with -N when two fall in one second. */
  readonly id: string;
  readonly createdAt: number;
  readonly bytes: number;
}

/** Encrypted online backups of the store (the keychain holds the key). */
export interface Backups {
  /** Takes an online backup, encrypts it into the data directory, keeps the newest `keep`. */
  create(keep: number): Promise<BackupInfo>;
  /** Newest first. */
  list(): BackupInfo[];
}
