import { createHash } from 'node:crypto';
import { ClearStateStore, InvalidStateError, type StateStore } from '@slack/oauth';
import type { Store } from '../store/store';

/** Bolt's default: a state is valid for ten minutes after the install page made it. */
const STATE_SECONDS = 600;

/**
 * Bolt's signed, expiring OAuth state, each accepted once: a completed install's state (with its
 * cookie) replayed within its ten minutes installs nothing. The mark is kept in the store, so a replay
 * to another replica fails too; only a hash of the state is kept.
 */
export class OnceStateStore implements StateStore {
  private readonly signed: ClearStateStore;

  constructor(
    stateSecret: string,
    private readonly store: Store,
  ) {
    this.signed = new ClearStateStore(stateSecret, STATE_SECONDS);
  }

  generateStateParam: StateStore['generateStateParam'] = (installOptions, now) =>
    this.signed.generateStateParam(installOptions, now);

  verifyStateParam: StateStore['verifyStateParam'] = async (now, state) => {
    const options = await this.signed.verifyStateParam(now, state);
    const id = createHash('sha256').update(state).digest('hex');
    const expiresAt = new Date(now.getTime() + STATE_SECONDS * 1000);
    if (!(await this.store.useOAuthState(id, expiresAt)))
      throw new InvalidStateError('The state value was used already');
    return options;
  };
}
