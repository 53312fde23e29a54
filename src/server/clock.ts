// The one source of time for the simulator: everything that needs "now" asks a Clock.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: tests advance it instead of sleeping. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: number | string | Date = '2026-01-15T12:00:00Z') {
    this.#now = new Date(start).getTime();
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: expected ms >= 0, got ${ms}`);
    this.#now += ms;
    return this.#now;
  }

  set(at: number | string | Date): void {
    this.#now = new Date(at).getTime();
  }
}

/**
 * One client's view of time: the simulator's clock plus how far that client has moved its own time on
 * (the admin API's `POST /_mx-sim/clock`). Time only moves forward, so the lifecycle never runs backwards.
 */
export class TenantClock implements Clock {
  readonly #base: Clock;
  #offset = 0;

  constructor(base: Clock) {
    this.#base = base;
  }

  now(): number {
    return this.#base.now() + this.#offset;
  }

  /** How far ahead of the simulator's clock this client is. */
  get offsetMs(): number {
    return this.#offset;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: expected ms >= 0, got ${ms}`);
    this.#offset += ms;
    return this.now();
  }
}

/** ISO 8601 with milliseconds and `Z`, the form MX uses on member timestamps. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
