import type { Prominence } from '../catalog/types';

/**
 * How prominent a project is, 0..1, from checkable facts: developed in the kernel tree, packaged by
 * Debian, its CNCF level (half for a part of another project), its place on ebpf.io, and stars. A prior:
 * it orders projects that match a question about equally, and never outweighs what the question says.
 */
export function prominenceScore(facts: Prominence | undefined): number {
  if (!facts) return 0;
  let score = 0;
  if (facts.kernel_tree) score += 0.3;
  if ((facts.debian?.length ?? 0) > 0) score += 0.2;
  if (facts.cncf) score += CNCF[facts.cncf] * (facts.cncf_parent ? 0.5 : 1);
  if (facts.ebpf_io) score += facts.ebpf_io === 'major' ? 0.35 : 0.1;
  // 100 stars count nothing, 100,000 the most.
  if (facts.stars) score += 0.15 * Math.min(1, Math.max(0, Math.log10(facts.stars) - 2) / 3);
  return Math.min(1, score);
}

const CNCF = { sandbox: 0.1, incubating: 0.15, graduated: 0.2 } as const;
