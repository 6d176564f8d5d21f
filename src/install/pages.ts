/** The web pages of "Add to Slack": plain HTML, every value escaped. */

/** Where "Add to Slack" starts and where Slack sends the browser back (the manifest's redirect URL). */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
code{background:#f4f4f4;padding:0 .25rem;border-radius:3px}</style></head>
<body>${body}</body></html>`;
}

/** GET /slack/install: what the bot does, and the button that starts Slack's OAuth flow. */
export function installPage(url: string): string {
  return page(
    'Add ebpf-bot to Slack',
    `<h1>ebpf-bot</h1>
<p>Look up eBPF projects from Slack: <code>/ebpf cilium</code>, <code>/ebpf trace packets through the kernel</code>,
or mention <code>@ebpf-bot</code> in a channel. A project of the day for the channels that want one.</p>
<p><a href="${escapeHtml(url)}"><img alt="Add to Slack" height="40" width="139"
src="https://platform.slack-edge.com/img/add_to_slack.png"
srcset="https://platform.slack-edge.com/img/add_to_slack.png 1x, https://platform.slack-edge.com/img/add_to_slack@2x.png 2x"></a></p>`,
  );
}

/** The page after a completed install: where it went, and what to try first. */
export function installedPage(workspace: string): string {
  return page(
    'ebpf-bot is installed',
    `<h1>ebpf-bot is installed in ${escapeHtml(workspace)}</h1>
<p>Try these first:</p>
<ul>
<li><code>/ebpf cilium</code> in any channel: the project as a card, only for you, with a button to share it.</li>
<li><code>/ebpf capture tls plaintext</code>: describe what you need, in English or 中文.</li>
<li><code>/invite @ebpf-bot</code> in a channel, then <code>@ebpf-bot what traces packets through the kernel?</code></li>
<li><code>/ebpf potd subscribe</code> in a channel for a project of the day (09:00 on weekdays).</li>
</ul>
<p>You can close this page.</p>`,
  );
}

/** The page when an install did not complete. */
export function failedPage(): string {
  return page(
    'ebpf-bot was not installed',
    `<h1>ebpf-bot was not installed</h1>
<p>Slack did not complete the installation, or the link expired. <a href="${INSTALL_PATH}">Try again</a>.</p>`,
  );
}
