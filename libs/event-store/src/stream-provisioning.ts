import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { allSubjects } from './subjects.js';

export interface StreamOptions {
  stream: string;
  subjectPrefix: string;
  /** Window in which JetStream drops a repeated Nats-Msg-Id (default 2 minutes). */
  duplicateWindowMs?: number;
  /** Replicas when the stream is created (default 1; 3 on a three-node cluster). */
  replicas?: number;
  /**
   * Also bring an existing stream to `replicas` (an admin's `migrate --stream`). Off for the apps,
   * which may not update the stream, and whose default must not scale a clustered stream down.
   */
  scaleReplicas?: boolean;
}

/**
 * Creates the event stream, or brings an existing one to the expected settings. Safe to call
 * from every process at start-up. The stream is the event log: file storage, no age or count
 * limit, never trimmed.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  options: StreamOptions,
): Promise<StreamConfig> {
  const wanted = {
    name: options.stream,
    subjects: [allSubjects(options.subjectPrefix)],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: 0,
    max_msgs: -1,
    max_bytes: -1,
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
    num_replicas: options.replicas ?? 1,
    allow_direct: true,
  } satisfies Partial<StreamConfig>;
  try {
    const info = await jsm.streams.info(options.stream);
    const current = info.config;
    const rescale = options.scaleReplicas === true && current.num_replicas !== wanted.num_replicas;
    const drift =
      rescale ||
      current.subjects.join() !== wanted.subjects.join() ||
      current.duplicate_window !== wanted.duplicate_window ||
      current.allow_direct !== true;
    if (!drift) return current;
    const { subjects, duplicate_window, allow_direct } = wanted;
    const update = { subjects, duplicate_window, allow_direct };
    return (
      await jsm.streams.update(
        options.stream,
        rescale ? { ...update, num_replicas: wanted.num_replicas } : update,
      )
    ).config;
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    try {
      return (await jsm.streams.add(wanted)).config;
    } catch (addError) {
      // Another process created it between our info and add.
      if (String(addError).includes('already in use'))
        return (await jsm.streams.info(options.stream)).config;
      throw addError;
    }
  }
}

function isStreamNotFound(error: unknown): boolean {
  return (
    (error as { name?: string }).name === 'StreamNotFoundError' ||
    String(error).includes('stream not found')
  );
}
