import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** v2 binds a sealed row to its installation (AES-GCM associated data); v1 rows (unbound) still open. */
const PREFIX = 'enc:v2:';
const UNBOUND = 'enc:v1:';

/** A 32-byte key, given as 64 hex digits or as base64; undefined when it is neither. */
export function parseKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const bytes = Buffer.from(trimmed, 'base64');
  return /^[A-Za-z0-9+/]{43}=?$/.test(trimmed) && bytes.length === 32 ? bytes : undefined;
}

/** Names a key without revealing it: the first 8 hex digits of its SHA-256. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** A stored installation that cannot be opened: the key that sealed it is not configured. */
export class SealError extends Error {
  override name = 'SealError';
}

/**
 * Installations at rest: sealed with AES-256-GCM under `TOKEN_ENCRYPTION_KEY` when one is set, else
 * kept as they are. A sealed value names its key, so earlier keys (`TOKEN_ENCRYPTION_PREVIOUS_KEYS`)
 * still open old rows while a rotation re-seals them under the current key. Each value is bound to its
 * installation key as associated data: a row copied over another's does not open.
 */
export class TokenCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string | undefined;

  constructor(
    private readonly current?: Buffer,
    previous: readonly Buffer[] = [],
  ) {
    for (const key of [...previous, ...(current ? [current] : [])]) this.keys.set(keyId(key), key);
    this.currentId = current && keyId(current);
  }

  /** Whether values are sealed (a key is set) or stored as they are. */
  get sealing(): boolean {
    return this.current !== undefined;
  }

  seal(plain: string, boundTo: string): string {
    if (!this.current || !this.currentId) return plain;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.currentId}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${sealed.toString('base64')}`;
  }

  /** The plain value; a SealError when no configured key opens it, or it was sealed for another row. */
  open(stored: string, boundTo: string): string {
    const bound = stored.startsWith(PREFIX);
    if (!bound && !stored.startsWith(UNBOUND)) {
      if (stored.startsWith('enc:')) throw new SealError(`an installation is sealed in an unknown format`);
      return stored;
    }
    const [id = '', iv = '', tag = '', sealed = ''] = stored.slice(PREFIX.length).split(':');
    const key = this.keys.get(id);
    if (!key)
      throw new SealError(
        `installation ${boundTo} is sealed with key ${id}, which is neither TOKEN_ENCRYPTION_KEY nor one of TOKEN_ENCRYPTION_PREVIOUS_KEYS`,
      );
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    if (bound) decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SealError(`installation ${boundTo} does not open: its row was altered or belongs to another`);
    }
  }

  /** Whether a stored value is not yet sealed under the current key (plain, unbound, or an earlier key). */
  needsReseal(stored: string): boolean {
    if (!this.currentId) return false;
    return !stored.startsWith(`${PREFIX}${this.currentId}:`);
  }

  /**
   * At start: the rows to write again under the current key (plain, unbound, or an earlier key). Every
   * row that needs it is opened, and one sealed row is opened even when none does, so a missing or
   * wrong key stops the start with a SealError instead of failing every workspace later.
   */
  resealed(
    rows: readonly { readonly key: string; readonly data: string }[],
  ): { key: string; data: string; was: string }[] {
    const updates = rows
      .filter((row) => this.needsReseal(row.data))
      .map((row) => ({
        key: row.key,
        data: this.seal(this.open(row.data, row.key), row.key),
        was: row.data,
      }));
    const sample = rows.find((row) => row.data.startsWith('enc:') && !this.needsReseal(row.data));
    if (sample) this.open(sample.data, sample.key);
    return updates;
  }
}
