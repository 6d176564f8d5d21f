import type { CatalogEntry } from '../catalog/types';

/** FNV-1a: a stable, platform-independent hash, so every replica and restart orders alike. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The rotation order: each category's projects spread evenly over the cycle, so neighbours rarely
 * share a category; within a category the order is a fixed shuffle (by hash), not alphabetical.
 */
export function mixedOrder(entries: readonly CatalogEntry[]): string[] {
  const byCategory = new Map<string, CatalogEntry[]>();
  for (const entry of entries)
    byCategory.set(entry.category, [...(byCategory.get(entry.category) ?? []), entry]);
  const placed: { id: string; position: number; tie: number }[] = [];
  for (const members of byCategory.values()) {
    members.sort((a, b) => hash(a.id) - hash(b.id) || a.id.localeCompare(b.id));
    members.forEach((entry, i) => {
      placed.push({ id: entry.id, position: (i + 0.5) / members.length, tie: hash(`${entry.category}`) });
    });
  }
  placed.sort((a, b) => a.position - b.position || a.tie - b.tie || a.id.localeCompare(b.id));
  return placed.map((item) => item.id);
}

/**
 * The next project of the rotation given what was shown before (oldest first). A cycle ends once
 * every current project has been shown; projects added meanwhile join the running cycle and removed
 * ones are simply never picked.
 */
export function nextInRotation(order: readonly string[], history: readonly string[]): string | undefined {
  const current = new Set(order);
  let shown = new Set<string>();
  for (const id of history) {
    if (!current.has(id)) continue;
    shown.add(id);
    if (shown.size === current.size) shown = new Set();
  }
  return order.find((id) => !shown.has(id));
}
