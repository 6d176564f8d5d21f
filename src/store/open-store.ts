import type { SlackConfig } from '../config';
import { PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';
import { TokenCipher } from './token-cipher';

/** What says where the state is, and how installations are sealed in it. */
export type StoreSettings = Pick<SlackConfig, 'databaseUrl' | 'dataDir' | 'tokenKeys'>;

/** PostgreSQL when DATABASE_URL is set (replicas); else SQLite under DATA_DIR (one process). */
export async function openStore(settings: StoreSettings, warn: (message: string) => void): Promise<Store> {
  const cipher = new TokenCipher(settings.tokenKeys.current, settings.tokenKeys.previous);
  if (settings.databaseUrl)
    return PostgresStore.open(settings.databaseUrl, cipher, (error) =>
      warn(`database connection lost: ${error.message}`),
    );
  return new SqliteStore(settings.dataDir, cipher);
}
