import { ErrorCode } from '@slack/web-api';

/** The `error` Slack answered a Web API call with (`not_in_channel`…), or undefined for any other failure. */
export function platformCode(error: unknown): string | undefined {
  const { code, data } = error as { code?: string; data?: { error?: string } };
  return code === ErrorCode.PlatformError ? data?.error : undefined;
}
