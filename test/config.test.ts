import { ConfigError, readConfig, secretsOf } from '../src/config';

const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    readConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
};

const OAUTH = {
  SLACK_CLIENT_ID: '111.222',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret',
  SLACK_SIGNING_SECRET: 'signing-secret',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 4).toString('base64'),
};

describe('the configuration', () => {
  it('chooses local mode, one workspace or any workspace by what is set', () => {
    expect(readConfig({}).mode).toBe('local');
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).mode).toBe('socket');
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).mode).toBe('http');
    const oauth = readConfig(OAUTH);
    expect(oauth).toMatchObject({ mode: 'oauth', clientId: '111.222', potdLeaseSeconds: 30 });
    expect(secretsOf(oauth)).toEqual(
      expect.arrayContaining(['client-secret', 'state-secret', 'signing-secret']),
    );
  });

  it('names every missing or conflicting piece of an OAuth setup at once', () => {
    expect(problems({ SLACK_CLIENT_ID: '111.222' })).toEqual([
      expect.stringContaining('SLACK_CLIENT_SECRET is required'),
      expect.stringContaining('SLACK_STATE_SECRET is required'),
      expect.stringContaining('SLACK_SIGNING_SECRET is required'),
      expect.stringContaining('TOKEN_ENCRYPTION_KEY is required with OAuth'),
    ]);
    expect(
      problems({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1', POTD_CHANNELS: 'C0123' }),
    ).toEqual([
      expect.stringContaining('SLACK_APP_TOKEN (Socket Mode) cannot serve installs through OAuth'),
      expect.stringContaining('SLACK_BOT_TOKEN is for one workspace'),
      expect.stringContaining('POTD_CHANNELS subscribes channels of the one workspace'),
    ]);
  });

  it('serves health and metrics on a port of their own only when it is not the Slack port', () => {
    expect(
      problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '3000', METRICS_PORT: '3000' }),
    ).toEqual([expect.stringContaining('METRICS_PORT must differ from PORT in HTTP mode')]);
    expect(
      readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', METRICS_PORT: '9100' }),
    ).toMatchObject({
      port: 3000,
      metricsPort: 9100,
    });
  });

  it('stores OAuth tokens in the clear only when told to, for a local trial', () => {
    const { TOKEN_ENCRYPTION_KEY: _key, ...withoutKey } = OAUTH;
    expect(problems(withoutKey)).toEqual([expect.stringContaining('ALLOW_PLAINTEXT_TOKENS=true')]);
    expect(readConfig({ ...withoutKey, ALLOW_PLAINTEXT_TOKENS: 'true' })).toMatchObject({
      mode: 'oauth',
      plaintextTokens: true,
    });
    expect(readConfig(OAUTH)).toMatchObject({ plaintextTokens: false });
  });

  it('checks the database URL, the token keys and the lease', () => {
    const key = Buffer.alloc(32, 5);
    const config = readConfig({
      ...OAUTH,
      DATABASE_URL: 'postgres://bot:pw@db:5432/ebpf_bot',
      TOKEN_ENCRYPTION_KEY: key.toString('base64'),
      TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${Buffer.alloc(32, 6).toString('hex')}`,
      POTD_LEASE_SECONDS: '12',
    });
    expect(config).toMatchObject({ databaseUrl: 'postgres://bot:pw@db:5432/ebpf_bot', potdLeaseSeconds: 12 });
    if (config.mode === 'local') throw new Error('not local');
    expect(config.tokenKeys.current?.equals(key)).toBe(true);
    expect(config.tokenKeys.previous).toHaveLength(1);
    expect(secretsOf(config)).toContain('postgres://bot:pw@db:5432/ebpf_bot');

    expect(
      problems({
        ...OAUTH,
        DATABASE_URL: 'mysql://x',
        TOKEN_ENCRYPTION_KEY: 'short',
        TOKEN_ENCRYPTION_PREVIOUS_KEYS: 'also-short',
        POTD_LEASE_SECONDS: '1',
      }),
    ).toEqual([
      expect.stringContaining('DATABASE_URL must be a PostgreSQL URL'),
      expect.stringContaining('TOKEN_ENCRYPTION_KEY must be 32 random bytes'),
      expect.stringContaining('TOKEN_ENCRYPTION_PREVIOUS_KEYS must list earlier keys'),
      expect.stringContaining('POTD_LEASE_SECONDS must be a number of seconds of at least 3'),
    ]);
  });

  it('stores feedback unless FEEDBACK_STORE is off, and names any other value', () => {
    const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(readConfig(http)).not.toHaveProperty('storeFeedback');
    expect(readConfig({ ...http, FEEDBACK_STORE: 'on' })).not.toHaveProperty('storeFeedback');
    expect(readConfig({ ...http, FEEDBACK_STORE: 'OFF' })).toMatchObject({ storeFeedback: false });
    expect(readConfig({ ...OAUTH, FEEDBACK_STORE: 'off' })).toMatchObject({ storeFeedback: false });
    expect(problems({ ...http, FEEDBACK_STORE: 'no' })).toEqual([
      'FEEDBACK_STORE must be on or off (got "no")',
    ]);
  });
});
