import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TempEntry {
  readonly id: string;
  readonly repository: string;
  readonly status?: string;
  readonly license?: string;
  readonly extra?: string;
}

/** A catalog folder of small valid entries in a temporary directory; removed by `remove()`. */
export function tempCatalog(entries: readonly TempEntry[]): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebpf-bot-catalog-'));
  fs.mkdirSync(path.join(dir, 'projects'));
  for (const entry of entries) {
    const name = entry.id.replace(
      /(^|-)(\w)/g,
      (_, dash: string, letter: string) => `${dash ? ' ' : ''}${letter.toUpperCase()}`,
    );
    fs.writeFileSync(
      path.join(dir, 'projects', `${entry.id}.yaml`),
      `id: ${entry.id}
name: ${name}
category: tracing
keywords:
  en: [trace things with ${entry.id}]
  zh: [追踪]
summary:
  en: A fixture project named ${entry.id}, used by the tests.
  zh: 测试用的示例项目。
description:
  en: This entry exists only so that the tests have a small catalog to work with.
  zh: 这个条目只用于测试，让测试有一个小目录可用。
repository: ${entry.repository}
languages: [Go]
${entry.license ? `license: ${entry.license}\n` : ''}status: ${entry.status ?? 'active'}
checked: 2026-11-25
newest_commit: 2026-11-20
${entry.extra ?? ''}`,
    );
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
