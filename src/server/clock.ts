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

const DAY_MS = 86_400_000;
/** Years 0000 to 9999: the range where `toISOString` writes four-digit years without a sign. */
const MIN_FAST = -62_167_219_200_000;
const MAX_FAST = 253_402_300_799_999;
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
/** The last day formatted ('YYYY-MM-DDT'): timestamps of one page mostly share a handful of days. */
let cachedDay = Number.NaN;
let cachedPrefix = '';

/** 'YYYY-MM-DDT' of a day since the epoch (proleptic Gregorian, civil-from-days). */
function dayPrefix(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}T`;
}

/**
 * ISO 8601 with milliseconds and `Z`, the form MX uses on member timestamps: exactly
 * `new Date(ms).toISOString()`, without a Date per call (a page of transactions formats hundreds).
 */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < MIN_FAST || ms > MAX_FAST) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  if (days !== cachedDay) {
    cachedPrefix = dayPrefix(days);
    cachedDay = days;
  }
  let rest = ms - days * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  return `${cachedPrefix}${pad2(hour)}:${pad2(min)}:${pad2(sec)}.${pad3(milli)}Z`;
}
