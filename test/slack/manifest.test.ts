import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { findProject } from '../../src/answer/find-project';
import { STRINGS } from '../../src/blocks/strings';
import { loadCatalog } from '../../src/catalog/load';
import { BOT_EVENTS } from '../../src/listeners/events';
import { BOT_SCOPES, SLASH_COMMAND } from '../../src/listeners/index';
import { ASK_SHORTCUT } from '../../src/listeners/message-shortcut';
import { FIND_PROJECT_STEP } from '../../src/listeners/workflow-step';
import { PACKAGE_ROOT } from '../../src/paths';
import { createSearch } from '../../src/search/search';

const manifest = parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'manifest.yml'), 'utf8'));
const schemaDir = path.join(PACKAGE_ROOT, 'test/fixtures/slack-manifest-schema');
const VERSIONED = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema';

describe('manifest.yml', () => {
  it("validates against Slack's official manifest schema", () => {
    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8'));
    // The schema's only format is "uri" on $schema; ajv would warn that it does not know it.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    ajv.addSchema(read('manifest.schema.1.0.0.json'), `${VERSIONED}.1.0.0.json`);
    ajv.addSchema(read('manifest.schema.2.0.0.json'), `${VERSIONED}.2.0.0.json`);
    const validate = ajv.compile(read('manifest.schema.json'));
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('requests exactly the scopes and events the listeners use', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
    expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual([
      SLASH_COMMAND,
    ]);
  });

  it('offers the assistant split view with the prompts a new thread suggests', () => {
    expect(manifest.features.assistant_view.assistant_description).toBeTruthy();
    expect(manifest.features.assistant_view.suggested_prompts).toEqual(STRINGS.assistantPrompts.en);
    expect(BOT_SCOPES).toContain('assistant:write');
    expect(BOT_EVENTS).toEqual(
      expect.arrayContaining(['assistant_thread_started', 'assistant_thread_context_changed']),
    );
  });

  it('declares the message shortcut and the workflow step the listeners answer', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', name: 'Ask ebpf-bot', callback_id: ASK_SHORTCUT }),
    ]);
    expect(Object.keys(manifest.functions)).toEqual([FIND_PROJECT_STEP]);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('function_executed');
    // Workflow Builder lists an app's steps only when the app is org-ready.
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    expect(manifest.settings.function_runtime).toBe('remote');

    const step = manifest.functions[FIND_PROJECT_STEP];
    expect(step.title).toBe('Find an eBPF project');
    expect(Object.keys(step.input_parameters)).toEqual(['question']);
    expect(step.input_parameters.question).toMatchObject({
      type: 'string',
      name: 'question',
      is_required: true,
    });
    // The outputs declared are exactly those the step completes with, each a required string.
    const catalog = loadCatalog();
    const result = findProject('cilium', createSearch(catalog.entries, catalog.notEbpf));
    if (!('outputs' in result)) throw new Error(result.error);
    expect(Object.keys(step.output_parameters).sort()).toEqual(Object.keys(result.outputs).sort());
    for (const [name, parameter] of Object.entries(step.output_parameters))
      expect(parameter).toMatchObject({ type: 'string', name, is_required: true });
  });

  it('installs as built: bot user, App Home with both tabs, interactivity, Socket Mode', () => {
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.features.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.unfurl_domains).toContain('github.com');
  });
});
