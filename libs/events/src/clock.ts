/**
 * Where code reads the time. Anything that depends on "now" (windows, expiries, staleness,
 * occurredAt) takes a Clock, so tests run at fixed instants and replays agree; only the
 * composition roots of the apps pass `systemClock`.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock stopped at `instant` (tests, reports as of a day). */
export const fixedClock =
  (instant: Date | string): Clock =>
  () =>
    new Date(instant);

/** Nest injection token of an app's Clock (`@Inject(CLOCK) clock: Clock`); tests override it. */
export const CLOCK = Symbol('CLOCK');
