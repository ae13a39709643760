import type { JetStreamManager } from '@nats-io/jetstream';

/**
 * Where an existing durable consumer stands (its ack floor); for a consumer that does not exist
 * yet, the stream head, so a new event handler starts with new events instead of replaying history.
 */
export async function consumerAckFloor(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
): Promise<number> {
  try {
    const info = await jsm.consumers.info(stream, durable);
    return info.ack_floor.stream_seq;
  } catch {
    return (await jsm.streams.info(stream)).state.last_seq;
  }
}
