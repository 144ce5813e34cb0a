/** The one source of "now"; tests pass a fixed clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (s: string) => { t = new Date(s).getTime(); },
    advance: (ms: number) => { t += ms; },
  };
}
/** Instant as stored: UTC ISO string. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
