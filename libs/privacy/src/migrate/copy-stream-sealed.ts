import { headers as natsHeaders } from '@nats-io/nats-core';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { definitionOf, isEventType, personsIn, sealEvent, type PersonKey } from '@kd/events';
import { ensureStream, personKeysOf } from '@kd/event-store';

export interface CopyStreamOptions {
  nats: { js: JetStreamClient; jsm: JetStreamManager; replicas?: number };
  from: { stream: string; subjectPrefix: string };
  to: { stream: string; subjectPrefix: string };
  onProgress?(copied: number, total: number): void;
}

export interface CopyStreamResult {
  copied: number;
  /** Sequences of the source that held no message (deleted), skipped. */
  skipped: number;
  /** Per subject: the source's count differs from the copy's (empty when verified). */
  mismatches: string[];
}

const text = new TextDecoder();
const bytes = new TextEncoder();

/**
 * One-time migration (docs/privacy.md): copies every event of a plaintext stream, in order, into
 * a new stream with its personal values sealed under per-person keys (`<to>_PERSON_KEYS`), the
 * same ids, times and versions; then checks that every subject holds as many events as before.
 */
export async function copyStreamSealed(options: CopyStreamOptions): Promise<CopyStreamResult> {
  const { js, jsm } = options.nats;
  await ensureStream(jsm, { ...options.to, replicas: options.nats.replicas ?? 1 });
  if ((await jsm.streams.info(options.to.stream)).state.messages > 0) {
    throw new Error(`${options.to.stream} is not empty: migrate into a new stream`);
  }
  const keys = personKeysOf({ nats: options.nats, stream: options.to.stream });
  const { first_seq: first, last_seq: last } = (await jsm.streams.info(options.from.stream)).state;
  let copied = 0;
  let skipped = 0;
  for (let seq = Math.max(first, 1); seq <= last; seq++) {
    const message = await jsm.direct.getMessage(options.from.stream, { seq });
    if (!message) {
      skipped += 1;
      continue;
    }
    const event = JSON.parse(text.decode(message.data)) as Parameters<typeof sealEvent>[0] & {
      id: string;
    };
    const fields = isEventType(event.type) ? definitionOf(event.type).personal : [];
    const sealedKeys = new Map<string, PersonKey>();
    for (const person of personsIn(event, fields))
      sealedKeys.set(person, await keys.keyFor(person));
    const sealed = sealEvent(event, fields, (person) => sealedKeys.get(person)!);
    const h = natsHeaders();
    h.set('Kd-Event-Type', event.type);
    await js.publish(
      options.to.subjectPrefix + message.subject.slice(options.from.subjectPrefix.length),
      bytes.encode(JSON.stringify(sealed)),
      {
        msgID: `migrate-${seq}`,
        headers: h,
      },
    );
    copied += 1;
    options.onProgress?.(copied, last - first + 1);
  }
  return { copied, skipped, mismatches: await compareSubjects(jsm, options) };
}

async function compareSubjects(
  jsm: JetStreamManager,
  options: CopyStreamOptions,
): Promise<string[]> {
  const counts = async (stream: string, prefix: string) => {
    const info = await jsm.streams.info(stream, { subjects_filter: '>' });
    const map = new Map<string, number>();
    for (const [subject, n] of Object.entries(info.state.subjects ?? {})) {
      map.set(subject.slice(prefix.length), n);
    }
    return map;
  };
  const source = await counts(options.from.stream, options.from.subjectPrefix);
  const copy = await counts(options.to.stream, options.to.subjectPrefix);
  const subjects = new Set([...source.keys(), ...copy.keys()]);
  return [...subjects]
    .filter((s) => source.get(s) !== copy.get(s))
    .map((s) => `${s}: ${source.get(s) ?? 0} in the source, ${copy.get(s) ?? 0} copied`);
}
