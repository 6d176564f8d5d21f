import type { SlackConfig } from '../../src/config';
import type { FakeSlack, FakeWorkspace } from './fake-slack';
import { SIGNING_SECRET } from './slack-requests';

/** The key installations are sealed with in OAuth tests. */
export const OAUTH_TOKEN_KEY = Buffer.alloc(32, 7);

/** The bot's settings for "Add to Slack" in tests: OAuth in HTTP mode, installations sealed. */
export function oauthConfig(overrides: Partial<SlackConfig> = {}): Partial<SlackConfig> {
  return {
    mode: 'oauth',
    clientId: '111.222',
    clientSecret: 'client-secret-for-tests',
    stateSecret: 'state-secret-for-tests',
    signingSecret: SIGNING_SECRET,
    tokenKeys: { current: OAUTH_TOKEN_KEY, previous: [] },
    ...overrides,
  } as Partial<SlackConfig>;
}

const decodeHtml = (html: string) =>
  html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/**
 * A person clicking "Add to Slack" on the bot at `base`, approving in Slack, and coming back with
 * Slack's code: the install page, the authorize URL it links to, and the redirect's answer.
 */
export async function installThroughOAuth(
  fake: FakeSlack,
  base: string,
  code: string,
  workspace: FakeWorkspace,
): Promise<{ page: string; authorize: URL; status: number; html: string; state: string; cookie: string }> {
  fake.issueCode(code, workspace);
  const page = await fetch(`${base}/slack/install`);
  const html = await page.text();
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
  const authorize = new URL(decodeHtml(/href="([^"]+)"/.exec(html)?.[1] ?? ''));
  const state = authorize.searchParams.get('state') ?? '';
  const back = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
  });
  return { page: html, authorize, status: back.status, html: await back.text(), state, cookie };
}
