import { LogLevel } from '@slack/bolt';
import { createJsonLogger } from '../../src/logger';

describe('JSON logger', () => {
  it('writes one JSON object per line, at or above its level', () => {
    const lines: string[] = [];
    const logger = createJsonLogger(LogLevel.INFO, [], (line) => lines.push(line));
    logger.debug('hidden');
    logger.info('shown', { n: 1 });
    logger.error(new Error('boom'));
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'info',
      name: 'ebpf-bot',
      msg: 'shown {"n":1}',
    });
    expect(JSON.parse(lines[1] as string).msg).toContain('Error: boom');
  });

  it('redacts Slack tokens by shape and configured secrets by value, but not short values', () => {
    const lines: string[] = [];
    const logger = createJsonLogger(LogLevel.DEBUG, ['0123456789abcdef', 's'], (line) => lines.push(line));
    logger.warn(
      'token xoxb-123-456-abc, app xapp-1-A-2-def, step xwfp-7-8-9a, secret 0123456789abcdef, request sent',
    );
    const { msg } = JSON.parse(lines[0] as string);
    expect(msg).toBe('token [redacted], app [redacted], step [redacted], secret [redacted], request sent');
  });
});
