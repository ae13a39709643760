/** Discord's epoch (2015-01-01): snowflakes carry milliseconds since it in their top bits. */
const DISCORD_EPOCH_MS = 1_420_070_400_000;
/** Ids from before 2016 would be shorter than the 17 digits a snowflake has. */
const EARLIEST_MS = Date.UTC(2016, 0, 1);

/** Realistic, unique snowflakes: timestamp bits plus a running counter in the low 22 bits. */
export class IdMint {
  private counter = 0;
  private jobs = 0;

  /** Events from Kaltura webhooks are keyed by the notification job id (a number at Kaltura). */
  kalturaJobId(): string {
    this.jobs += 1;
    return `kjob-${this.jobs}`;
  }

  snowflakeAt(ms: number): string {
    this.counter = (this.counter + 1) & 0x3f_ffff;
    const since = BigInt(Math.floor(Math.max(ms, EARLIEST_MS) - DISCORD_EPOCH_MS));
    const id = (since << 22n) | BigInt(this.counter);
    return id.toString();
  }
}
