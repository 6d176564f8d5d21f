import type { Bilingual } from './types';

/** Display labels for catalog/schema.json's category enum (a test keeps the two in step). */
export const CATEGORY_LABELS = {
  networking: { en: 'Networking', zh: '网络' },
  'load-balancing': { en: 'Load balancing', zh: '负载均衡' },
  security: { en: 'Security', zh: '安全' },
  observability: { en: 'Observability', zh: '可观测性' },
  tracing: { en: 'Tracing', zh: '追踪' },
  profiling: { en: 'Profiling', zh: '性能剖析' },
  runtime: { en: 'eBPF runtime', zh: 'eBPF 运行时' },
  toolchain: { en: 'Toolchain', zh: '工具链' },
  library: { en: 'Library', zh: '开发库' },
  kernel: { en: 'Kernel', zh: '内核' },
  compiler: { en: 'Compiler', zh: '编译器' },
  verification: { en: 'Verification', zh: '验证' },
  scheduling: { en: 'CPU scheduling', zh: 'CPU 调度' },
  testing: { en: 'Testing', zh: '测试' },
} as const satisfies Record<string, Bilingual>;

export type Category = keyof typeof CATEGORY_LABELS;
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];

export function isCategory(value: string): value is Category {
  return Object.hasOwn(CATEGORY_LABELS, value);
}
