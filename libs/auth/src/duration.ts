const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

export const durationPattern = /^(\d{1,9})([smhd]?)$/;

/** `30d`, `12h`, `15m`, `90s` or a plain number of seconds → seconds; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] || 's') as keyof typeof unitSeconds;
  return Number(match[1]) * unitSeconds[unit];
}
