import * as crypto from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  readonly timestamp?: number;
  readonly signature?: string | null;
  readonly headers?: Record<string, string>;
  /** Sign this body but send another one. */
  readonly sendBody?: string;
  /** The workspace the request comes from (T1 by default), and its organisation if any. */
  readonly teamId?: string;
  readonly enterpriseId?: string;
  /** The bot is installed org-wide in that organisation (Enterprise Grid). */
  readonly orgWide?: boolean;
}

/** POSTs a body to the app the way Slack does: signed with the app's signing secret. */
export async function send(url: string, body: string, contentType: string, options: SendOptions = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    ...options.headers,
  };
  const signature = options.signature === undefined ? sign(body, timestamp) : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  const response = await fetch(url, { method: 'POST', headers, body: options.sendBody ?? body });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

export function slashCommand(
  url: string,
  text: string,
  responseUrl: string,
  options: SendOptions & { channelId?: string } = {},
) {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: options.teamId ?? 'T1',
    team_domain: 'example',
    ...(options.enterpriseId && { enterprise_id: options.enterpriseId }),
    channel_id: options.channelId ?? 'C1',
    channel_name: 'general',
    user_id: 'U1',
    user_name: 'alice',
    command: '/ebpf',
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString();
  return send(url, body, 'application/x-www-form-urlencoded', options);
}

export function blockAction(
  url: string,
  action: Record<string, unknown>,
  responseUrl: string,
  extra: Record<string, unknown> = {},
) {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'example' },
    user: { id: 'U1', username: 'alice', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: '1.2.3',
    container: { type: 'message', message_ts: '1.1', channel_id: 'C1', is_ephemeral: true },
    channel: { id: 'C1', name: 'general' },
    response_url: responseUrl,
    actions: [{ type: 'button', block_id: 'b', action_ts: '1.2', ...action }],
    ...extra,
  };
  return send(
    url,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
  );
}

let eventCounter = 0;
export function event(url: string, event: Record<string, unknown>, options: SendOptions = {}) {
  const teamId = options.teamId ?? 'T1';
  const body = JSON.stringify({
    token: 'legacy',
    team_id: teamId,
    ...(options.enterpriseId && { enterprise_id: options.enterpriseId }),
    ...(options.orgWide && { is_enterprise_install: true }),
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${++eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        team_id: teamId,
        ...(options.enterpriseId && { enterprise_id: options.enterpriseId }),
        user_id: 'UBOT',
        is_bot: true,
        is_enterprise_install: options.orgWide === true,
      },
    ],
    event,
  });
  return send(url, body, 'application/json', options);
}

/** A message shortcut, as Slack sends it when someone picks it from a message's menu (`message_action`). */
export function messageShortcut(
  url: string,
  message: { text?: string; ts?: string; thread_ts?: string; user?: string; [key: string]: unknown },
  responseUrl: string,
  options: SendOptions & { channelId?: string; callbackId?: string } = {},
) {
  const teamId = options.teamId ?? 'T1';
  const ts = message.ts ?? '1700000000.000100';
  const payload = {
    type: 'message_action',
    token: 'legacy',
    action_ts: '1700000100.000200',
    team: { id: teamId, domain: 'example' },
    user: { id: 'U1', username: 'alice', name: 'alice', team_id: teamId },
    channel: { id: options.channelId ?? 'C1', name: 'general' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: options.callbackId ?? 'ask_ebpf_bot',
    trigger_id: '1.2.3',
    response_url: responseUrl,
    message_ts: ts,
    message: { type: 'message', user: 'U2', ...message, ts },
  };
  return send(
    url,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}

let executionCounter = 0;
/** A workflow reaching the bot's custom step: `function_executed`, with the execution's own token. */
export function functionExecuted(
  url: string,
  inputs: Record<string, unknown>,
  options: SendOptions & { token?: string; callbackId?: string; executionId?: string } = {},
) {
  const executionId = options.executionId ?? `Fx${++executionCounter}`;
  const response = event(
    url,
    {
      type: 'function_executed',
      function: {
        id: 'Fn1',
        callback_id: options.callbackId ?? 'find_ebpf_project',
        title: 'Find an eBPF project',
        type: 'app',
        input_parameters: [{ type: 'string', name: 'question', title: 'Project name or question' }],
        output_parameters: [],
        app_id: 'A1',
        date_created: 1700000000,
        date_updated: 1700000000,
        date_deleted: 0,
      },
      inputs,
      function_execution_id: executionId,
      workflow_execution_id: `W${executionId}`,
      event_ts: '1700000000.000300',
      bot_access_token: options.token ?? `xwfp-${executionId}`,
    },
    options,
  );
  return { executionId, response };
}
