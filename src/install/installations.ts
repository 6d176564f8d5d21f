import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { type InstallationKey, installationKey, type Store } from '../store/store';

/** Bolt looks an installation up on every request: a copy is kept this long. */
const CACHE_MS = 30_000;

/** The installation key of Bolt's installation or query (org-wide installs by enterprise). */
export function keyOf(source: Installation | InstallationQuery<boolean>): InstallationKey {
  const isEnterpriseInstall = source.isEnterpriseInstall === true;
  const teamId = 'teamId' in source ? source.teamId : (source as Installation).team?.id;
  const enterpriseId =
    'enterpriseId' in source ? source.enterpriseId : (source as Installation).enterprise?.id;
  return installationKey({ teamId, enterpriseId, isEnterpriseInstall });
}

/**
 * Bolt's installation store over ours, with a short in-process cache: a request authorizes without a
 * database round trip, and a change made here (install, uninstall) clears its entry at once. Posts
 * of the project of the day read the store itself, never this cache.
 */
export class CachedInstallations implements InstallationStore {
  private readonly cache = new Map<InstallationKey, { installation: Installation; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const key = keyOf(installation);
    await this.store.saveInstallation(key, installation);
    this.cache.delete(key);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = keyOf(query);
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.installation;
    const installation = await this.store.getInstallation(key);
    if (!installation) {
      this.cache.delete(key);
      throw new Error(`ebpf-bot is not installed in ${key}`);
    }
    this.cache.set(key, { installation, until: this.now() + CACHE_MS });
    return installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.forget(keyOf(query));
  }

  /** Uninstalled or revoked: the installation goes, with its subscriptions, unfinished posts and feedback. */
  async forget(key: InstallationKey): Promise<void> {
    this.cache.delete(key);
    await this.store.deleteInstallation(key);
  }
}
