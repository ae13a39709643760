import { describe, expect, it } from '@jest/globals';
import { parseWhen, parseTime } from './parse-when.js';

const at = (now: string, zone = 'Europe/Berlin') => ({ now: new Date(now), zone });
const iso = (input: string, ctx: { now: Date; zone: string }) => {
  const parsed = parseWhen(input, ctx);
  return parsed.ok ? parsed.startsAt.toISOString() : parsed.problem;
};

describe('parseWhen', () => {
  const wednesday = at('2026-06-10T10:00:00Z'); // 12:00 in Berlin (CEST)

  it('reads ISO date-times in the guild zone, with T or a space', () => {
    expect(iso('2026-12-24T18:00', wednesday)).toBe('2026-12-24T17:00:00.000Z');
    expect(iso('2026-12-24 18:00', wednesday)).toBe('2026-12-24T17:00:00.000Z');
    expect(iso('2026-07-01 9:30', wednesday)).toBe('2026-07-01T07:30:00.000Z');
  });

  it('honours an explicit offset over the guild zone', () => {
    expect(iso('2026-12-24T18:00Z', wednesday)).toBe('2026-12-24T18:00:00.000Z');
    expect(iso('2026-12-24T18:00-05:00', wednesday)).toBe('2026-12-24T23:00:00.000Z');
  });

  it('reads today, tomorrow, a bare time and relative forms', () => {
    expect(iso('today 18:00', wednesday)).toBe('2026-06-10T16:00:00.000Z');
    expect(iso('Tomorrow  6pm', wednesday)).toBe('2026-06-11T16:00:00.000Z');
    expect(iso('18:00', wednesday)).toBe('2026-06-10T16:00:00.000Z');
    expect(iso('11:00', wednesday)).toBe('2026-06-11T09:00:00.000Z');
    expect(iso('in 2 hours', wednesday)).toBe('2026-06-10T12:00:00.000Z');
    expect(iso('in 90 min', wednesday)).toBe('2026-06-10T11:30:00.000Z');
    expect(iso('in 3 days', wednesday)).toBe('2026-06-13T10:00:00.000Z');
  });

  it('takes the next such weekday, today only while the time is still ahead', () => {
    expect(iso('friday 17:30', wednesday)).toBe('2026-06-12T15:30:00.000Z');
    expect(iso('wed 18:00', wednesday)).toBe('2026-06-10T16:00:00.000Z');
    expect(iso('wednesday 09:00', wednesday)).toBe('2026-06-17T07:00:00.000Z');
    expect(iso('monday 00:00', wednesday)).toBe('2026-06-14T22:00:00.000Z');
  });

  it('understands the same words in German, Spanish, French and Portuguese', () => {
    const tomorrow18 = '2026-06-11T16:00:00.000Z';
    expect(iso('morgen 18 Uhr', wednesday)).toBe(tomorrow18);
    expect(iso('morgen um 18:00', wednesday)).toBe(tomorrow18);
    expect(iso('Mañana a las 18:00', wednesday)).toBe(tomorrow18);
    expect(iso('demain à 18h', wednesday)).toBe(tomorrow18);
    expect(iso('amanhã às 18:00', wednesday)).toBe(tomorrow18);
    expect(iso('heute 18:30', wednesday)).toBe('2026-06-10T16:30:00.000Z');
    expect(iso("aujourd'hui midi", wednesday)).toBe('past'); // 12:00 has just passed
    expect(iso('hoy medianoche', wednesday)).toBe('past');
    expect(iso('in 2 Stunden', wednesday)).toBe('2026-06-10T12:00:00.000Z');
    expect(iso('en 3 horas', wednesday)).toBe('2026-06-10T13:00:00.000Z');
    expect(iso('dans 2 jours', wednesday)).toBe('2026-06-12T10:00:00.000Z');
    expect(iso('em 45 minutos', wednesday)).toBe('2026-06-10T10:45:00.000Z');
    // Wednesday 2026-06-10: Friday is the 12th, Monday the 15th.
    expect(iso('Freitag 17:30', wednesday)).toBe('2026-06-12T15:30:00.000Z');
    expect(iso('viernes a las 17:30', wednesday)).toBe('2026-06-12T15:30:00.000Z');
    expect(iso('vendredi 17h30', wednesday)).toBe('2026-06-12T15:30:00.000Z');
    expect(iso('sexta-feira 17:30', wednesday)).toBe('2026-06-12T15:30:00.000Z');
    expect(iso('lundi midi', wednesday)).toBe('2026-06-15T10:00:00.000Z');
    expect(iso('segunda 9:00', wednesday)).toBe('2026-06-15T07:00:00.000Z');
    expect(iso('sábado 10:00', wednesday)).toBe('2026-06-13T08:00:00.000Z');
    expect(iso('mié 18:00', wednesday)).toBe('2026-06-10T16:00:00.000Z');
    expect(iso('at 6pm', wednesday)).toBe('2026-06-10T16:00:00.000Z');
    expect(iso('a las 18:00', wednesday)).toBe('2026-06-10T16:00:00.000Z');
    expect(iso('ma 18:00', wednesday)).toBe('unparsable'); // two letters name no day
  });

  it('refuses the past, gibberish, and a year or more ahead', () => {
    expect(iso('2026-06-10 11:59', wednesday)).toBe('past');
    expect(iso('today 08:00', wednesday)).toBe('past');
    expect(iso('yesterday 18:00', wednesday)).toBe('unparsable');
    expect(iso('soon', wednesday)).toBe('unparsable');
    expect(iso('2026-02-30 10:00', wednesday)).toBe('unparsable');
    expect(iso('25:00', wednesday)).toBe('unparsable');
    expect(iso('2027-07-01 10:00', wednesday)).toBe('too_far');
    expect(parseWhen('today 18:00', { now: new Date(), zone: 'Mars/Olympus' })).toEqual({
      ok: false,
      problem: 'bad_zone',
    });
  });

  it('keeps the wall time across a spring-forward change and refuses the skipped hour', () => {
    const beforeDst = at('2026-03-28T12:00:00Z'); // Saturday, CET (+01:00)
    expect(iso('tomorrow 18:00', beforeDst)).toBe('2026-03-29T16:00:00.000Z'); // CEST (+02:00)
    expect(iso('2026-03-29 02:30', beforeDst)).toBe('nonexistent');
    expect(iso('in 24 hours', beforeDst)).toBe('2026-03-29T12:00:00.000Z');
  });

  it('takes the first of a repeated autumn hour and keeps wall times after it', () => {
    const beforeFallBack = at('2026-10-24T12:00:00Z', 'America/New_York');
    expect(iso('2026-11-01 01:30', beforeFallBack)).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(iso('sunday 18:00', beforeFallBack)).toBe('2026-10-25T22:00:00.000Z');
    const saturday = at('2026-10-31T16:00:00Z', 'America/New_York');
    expect(iso('tomorrow 18:00', saturday)).toBe('2026-11-01T23:00:00.000Z'); // EST
  });

  it('crosses the year end and ISO week 53 (2026 has one)', () => {
    const newYearsEve = at('2026-12-31T20:00:00Z', 'UTC'); // Thursday of week 53
    expect(iso('tomorrow 10:00', newYearsEve)).toBe('2027-01-01T10:00:00.000Z');
    expect(iso('friday 10:00', newYearsEve)).toBe('2027-01-01T10:00:00.000Z');
    expect(iso('thursday 10:00', newYearsEve)).toBe('2027-01-07T10:00:00.000Z');
    expect(iso('in 5 hours', newYearsEve)).toBe('2027-01-01T01:00:00.000Z');
    const mondayMidnight = at('2026-12-28T00:00:00Z', 'UTC'); // Monday 00:00, week 53
    expect(iso('monday 00:00', mondayMidnight)).toBe('2027-01-04T00:00:00.000Z');
    expect(iso('today 00:01', mondayMidnight)).toBe('2026-12-28T00:01:00.000Z');
  });

  it('reads a time east of UTC whose date differs from the UTC date', () => {
    const tokyoMorning = at('2026-12-31T16:30:00Z', 'Asia/Tokyo'); // 01:30 on Jan 1 in Tokyo
    expect(iso('today 09:00', tokyoMorning)).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('parseTime', () => {
  it('reads 24 h, h-suffixed and am/pm times', () => {
    expect(parseTime('18h30')).toEqual({ hour: 18, minute: 30 });
    expect(parseTime('18h')).toEqual({ hour: 18, minute: 0 });
    expect(parseTime('12am')).toEqual({ hour: 0, minute: 0 });
    expect(parseTime('12:15 pm')).toEqual({ hour: 12, minute: 15 });
    expect(parseTime('13pm')).toBeUndefined();
  });
});
