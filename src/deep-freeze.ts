/**
 * Freezes a value and everything reachable from it, so shared read-only data cannot be changed by
 * one user. An object that is frozen already is not walked again: answers reuse cards frozen here.
 * Do not pass it values holding objects frozen only at the top.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
