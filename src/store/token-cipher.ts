import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

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

/**
 * Installations at rest: sealed with AES-256-GCM under `TOKEN_ENCRYPTION_KEY` when one is set, else
 * kept as they are. A sealed value names its key, so earlier keys (`TOKEN_ENCRYPTION_PREVIOUS_KEYS`)
 * still open old rows while a rotation re-seals them under the current key.
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

  seal(plain: string): string {
    if (!this.current || !this.currentId) return plain;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.currentId}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${sealed.toString('base64')}`;
  }

  open(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [id = '', iv = '', tag = '', sealed = ''] = stored.slice(PREFIX.length).split(':');
    const key = this.keys.get(id);
    if (!key)
      throw new Error(
        `an installation is sealed with key ${id}, which is neither TOKEN_ENCRYPTION_KEY nor one of TOKEN_ENCRYPTION_PREVIOUS_KEYS`,
      );
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Whether a stored value is not yet sealed under the current key (plain, or an earlier key). */
  needsReseal(stored: string): boolean {
    if (!this.currentId) return false;
    return !stored.startsWith(`${PREFIX}${this.currentId}:`);
  }
}
