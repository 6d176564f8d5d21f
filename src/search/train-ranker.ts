import type { Features } from './ranker';
import { rankerScore } from './ranker';

/** One question's candidates: their features, and which of them are right answers. */
export interface RankingExample {
  readonly candidates: readonly Features[];
  readonly right: readonly boolean[];
}

export interface FitOptions {
  /** L2 penalty. */
  readonly lambda: number;
  readonly epochs: number;
  readonly rate: number;
}

export const FIT_DEFAULTS: FitOptions = { lambda: 0.01, epochs: 4000, rate: 0.5 };

/**
 * Pairwise logistic regression (RankNet with a linear model): for each question, every right candidate
 * should score above every wrong one. Full-batch gradient descent from zero weights: the same data gives
 * the same weights, bit for bit.
 */
export function fitRanker(
  examples: readonly RankingExample[],
  width: number,
  options = FIT_DEFAULTS,
): number[] {
  const pairs: [Features, Features][] = [];
  for (const { candidates, right } of examples)
    candidates.forEach((good, i) => {
      if (!right[i]) return;
      candidates.forEach((bad, j) => {
        if (!right[j]) pairs.push([good, bad]);
      });
    });
  const weights = new Array<number>(width).fill(0);
  if (pairs.length === 0) return weights;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const gradient = weights.map((weight) => 2 * options.lambda * weight);
    for (const [good, bad] of pairs) {
      const margin = rankerScore(weights, good) - rankerScore(weights, bad);
      // d/dw log(1 + e^-margin) = -(1 - σ(margin)) (good - bad)
      const pull = 1 / (1 + Math.exp(margin));
      for (let k = 0; k < width; k++)
        gradient[k] =
          (gradient[k] as number) - (pull * ((good[k] as number) - (bad[k] as number))) / pairs.length;
    }
    for (let k = 0; k < width; k++)
      weights[k] = (weights[k] as number) - options.rate * (gradient[k] as number);
  }
  return weights.map((weight) => Math.round(weight * 1e4) / 1e4);
}

/** Share of examples whose best-scoring candidate is a right one. */
export function topOneShare(examples: readonly RankingExample[], weights: readonly number[]): number {
  if (examples.length === 0) return 0;
  let right = 0;
  for (const { candidates, right: isRight } of examples) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    candidates.forEach((features, i) => {
      const score = rankerScore(weights, features);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    if (best >= 0 && isRight[best]) right++;
  }
  return right / examples.length;
}

/**
 * Mean top-1 over k folds of the real questions (assigned to folds in order); `written` examples (our
 * own written questions) join every fold's training set and are never scored.
 */
export function crossValidate(
  examples: readonly RankingExample[],
  width: number,
  options: FitOptions,
  written: readonly RankingExample[] = [],
  folds = 5,
): number {
  let sum = 0;
  for (let fold = 0; fold < folds; fold++) {
    const held = examples.filter((_, i) => i % folds === fold);
    const train = [...examples.filter((_, i) => i % folds !== fold), ...written];
    sum += topOneShare(held, fitRanker(train, width, options));
  }
  return sum / folds;
}
