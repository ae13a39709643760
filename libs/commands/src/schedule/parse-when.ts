import { DateTime, IANAZone } from 'luxon';

/** Why a `when` was refused; each has its own message for the member. */
export type WhenProblem = 'unparsable' | 'nonexistent' | 'past' | 'too_far' | 'bad_zone';

export type ParsedWhen = { ok: true; startsAt: Date } | { ok: false; problem: WhenProblem };

export interface WhenContext {
  now: Date;
  /** IANA zone the member's words are read in (the guild's `general.timezone`). */
  zone: string;
}

/** Discord refuses scheduled events much further ahead; so do we, with a clearer message. */
const maxAheadDays = 365;

/**
 * The words `when` understands, in every language of the catalogs at once (a member may write in
 * theirs whatever the server's language): matched after lower-casing and removing accents, so
 * `mañana`, `sábado` and `à` match `manana`, `sabado` and `a`.
 */
const weekdayNames: readonly (readonly string[])[] = [
  ['monday', 'montag', 'lunes', 'lundi', 'segunda'],
  ['tuesday', 'dienstag', 'martes', 'mardi', 'terca'],
  ['wednesday', 'mittwoch', 'miercoles', 'mercredi', 'quarta'],
  ['thursday', 'donnerstag', 'jueves', 'jeudi', 'quinta'],
  ['friday', 'freitag', 'viernes', 'vendredi', 'sexta'],
  ['saturday', 'samstag', 'sabado', 'samedi'],
  ['sunday', 'sonntag', 'domingo', 'dimanche'],
];
const todayWords = new Set(['today', 'heute', 'hoy', 'aujourdhui', 'hoje']);
const tomorrowWords = new Set(['tomorrow', 'morgen', 'manana', 'demain', 'amanha']);
const noonWords = new Set(['noon', 'mittag', 'mediodia', 'midi', 'meio-dia']);
const midnightWords = new Set(['midnight', 'mitternacht', 'medianoche', 'minuit', 'meia-noite']);
/** Between the day and the time: `at`, `um`, `a las`, `à`, `às`. */
const atWords = '(?:at|um|a las|a la|a|as)';
/** Before a duration: `in`, `en`, `dans`, `em`. */
const inWords = '(?:in|en|dans|em)';
const relativePattern = new RegExp(`^${inWords} (\\d{1,4}) ?([a-z]+)$`);
const dayAndTimePattern = new RegExp(`^(?:([a-z-]+) )?(?:${atWords} )?(.+)$`);
const leadingAt = new RegExp(`^${atWords} `);
const units: Record<string, 'minutes' | 'hours' | 'days'> = {
  m: 'minutes',
  min: 'minutes',
  mins: 'minutes',
  minute: 'minutes',
  minutes: 'minutes',
  minuten: 'minutes',
  minuto: 'minutes',
  minutos: 'minutes',
  h: 'hours',
  hr: 'hours',
  hrs: 'hours',
  hour: 'hours',
  hours: 'hours',
  std: 'hours',
  stunde: 'hours',
  stunden: 'hours',
  hora: 'hours',
  horas: 'hours',
  heure: 'hours',
  heures: 'hours',
  d: 'days',
  day: 'days',
  days: 'days',
  tag: 'days',
  tagen: 'days',
  tage: 'days',
  dia: 'days',
  dias: 'days',
  jour: 'days',
  jours: 'days',
};

/** Lower case, no accents, no apostrophes, `-feira` dropped (`terça-feira` → `terca`). */
function normalized(input: string): string {
  return input
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/['’]/g, '')
    .replace(/-feira\b/g, '')
    .replace(/\s+/g, ' ');
}

/** The weekday (0 = Monday) a word names, by name or a prefix of three letters or more. */
function weekdayOf(word: string): number | undefined {
  const matches = new Set<number>();
  weekdayNames.forEach((names, index) => {
    if (names.some((name) => name === word || (word.length >= 3 && name.startsWith(word))))
      matches.add(index);
  });
  return matches.size === 1 ? [...matches][0] : undefined;
}

/**
 * Reads `when` of `/kaltura-schedule` in the guild's zone: ISO (`2026-12-24T18:00`, `2026-12-24
 * 18:00`, with an offset if given), `today 18:00`, `tomorrow 6pm`, `in 2 hours`, `friday 17:30`
 * (the next Friday at that time; today if still ahead), and the same in German, Spanish, French
 * and Portuguese (`morgen 18 Uhr`, `mañana a las 18:00`, `vendredi à 17h30`, `em 2 horas`). A wall time skipped by a clock change is
 * refused rather than silently moved; a repeated one means its first occurrence.
 */
export function parseWhen(input: string, { now, zone }: WhenContext): ParsedWhen {
  if (!IANAZone.isValidZone(zone)) return { ok: false, problem: 'bad_zone' };
  const text = normalized(input);
  const local = DateTime.fromJSDate(now, { zone });
  const parsed = parseIso(text, zone) ?? parseRelative(text, local) ?? parseDayAndTime(text, local);
  if (!parsed) return { ok: false, problem: 'unparsable' };
  if (parsed === 'nonexistent') return { ok: false, problem: 'nonexistent' };
  if (parsed.toMillis() <= now.getTime()) return { ok: false, problem: 'past' };
  if (parsed > local.plus({ days: maxAheadDays })) return { ok: false, problem: 'too_far' };
  return { ok: true, startsAt: parsed.set({ second: 0, millisecond: 0 }).toUTC().toJSDate() };
}

type Candidate = DateTime | 'nonexistent' | undefined;

function parseIso(text: string, zone: string): Candidate {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[t ](\d{1,2}):(\d{2})(?::\d{2})?(z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const offset = match[6];
  const fields = { year, month, day, hour, minute };
  if (offset) {
    const fixed =
      offset === 'z'
        ? 'UTC'
        : `UTC${offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset}`;
    const dt = DateTime.fromObject(fields, { zone: fixed });
    return dt.isValid ? dt : undefined;
  }
  return wallTime(DateTime.fromObject(fields, { zone }), hour ?? -1, minute ?? -1);
}

function parseRelative(text: string, local: DateTime): Candidate {
  const match = relativePattern.exec(text);
  const unit = match && units[match[2] ?? ''];
  if (!match || !unit) return undefined;
  return local.plus({ [unit]: Number(match[1]) });
}

/** `today|tomorrow|<weekday> <time>`, or a bare time (today, or tomorrow if already past). */
function parseDayAndTime(text: string, local: DateTime): Candidate {
  const match = dayAndTimePattern.exec(text.replace(leadingAt, ''));
  if (!match) return undefined;
  const [, day, timeText = ''] = match;
  const time = parseTime(timeText);
  if (!time) return undefined;
  const base = dayOf(day, local, time);
  if (!base) return undefined;
  return wallTime(
    DateTime.fromObject(
      { year: base.year, month: base.month, day: base.day, ...time },
      { zone: local.zone },
    ),
    time.hour,
    time.minute,
  );
}

function dayOf(day: string | undefined, local: DateTime, time: { hour: number; minute: number }) {
  const laterToday = local.set({ ...time, second: 0, millisecond: 0 }) > local;
  if (day === undefined) return laterToday ? local : local.plus({ days: 1 });
  if (todayWords.has(day)) return local;
  if (tomorrowWords.has(day)) return local.plus({ days: 1 });
  const index = weekdayOf(day);
  if (index === undefined) return undefined;
  let ahead = (index + 1 - local.weekday + 7) % 7;
  if (ahead === 0 && !laterToday) ahead = 7;
  return local.plus({ days: ahead });
}

/** `18:00`, `18h`, `18h30`, `18 Uhr`, `6pm`, `6:30 pm`, `noon`, `midnight` (and their translations). */
export function parseTime(input: string): { hour: number; minute: number } | undefined {
  const uhr = /^(\d{1,2})(?::(\d{2}))? ?uhr$/.exec(input);
  if (uhr) return clock(Number(uhr[1]), Number(uhr[2] ?? 0));
  if (noonWords.has(input)) return { hour: 12, minute: 0 };
  if (midnightWords.has(input)) return { hour: 0, minute: 0 };
  const h24 = /^(\d{1,2})(?:[:h](\d{2})?)$/.exec(input) ?? /^(\d{1,2}):(\d{2})$/.exec(input);
  if (h24) return clock(Number(h24[1]), Number(h24[2] ?? 0));
  const h12 = /^(\d{1,2})(?::(\d{2}))? ?(am|pm)$/.exec(input);
  if (!h12) return undefined;
  const hour = Number(h12[1]);
  if (hour < 1 || hour > 12) return undefined;
  return clock((hour % 12) + (h12[3] === 'pm' ? 12 : 0), Number(h12[2] ?? 0));
}

const clock = (hour: number, minute: number) =>
  hour <= 23 && minute <= 59 ? { hour, minute } : undefined;

/** Luxon moves a wall time skipped by a clock change forward; we refuse it instead. */
function wallTime(dt: DateTime, hour: number, minute: number): Candidate {
  if (!dt.isValid) return undefined;
  if (dt.hour !== hour || dt.minute !== minute) return 'nonexistent';
  const earlier = dt.minus({ hours: 1 }); // a repeated hour: luxon picks its second occurrence
  return earlier.hour === hour && earlier.minute === minute ? earlier : dt;
}
