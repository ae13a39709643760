/** A control-endpoint failure (not a Kaltura API error): answered with its HTTP status. */
export class SimControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
