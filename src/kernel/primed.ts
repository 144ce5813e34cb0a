/**
 * Results of a pure function of a string, computed ahead (in a worker thread: catalog/import-prep.ts) and taken
 * by the function itself instead of being computed again. A result is only ever what the function returns for
 * that input, so taking one changes where the work was done, never its outcome. Each result is taken once
 * (memory goes back as a batch is written); nothing primed, nothing looked up (an empty check, no hashing).
 */
export class Primed<T> {
  private readonly results = new Map<string, T>();

  prime(input: string, result: T): void {
    this.results.set(input, result);
  }

  take(input: string): T | undefined {
    if (this.results.size === 0) return undefined;
    const r = this.results.get(input);
    if (r !== undefined) this.results.delete(input);
    return r;
  }

  clear(): void {
    this.results.clear();
  }
}
