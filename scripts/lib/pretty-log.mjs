// Readable log lines for a terminal (`npm start` when stdout is a TTY; KD_LOG_JSON=1 keeps JSON):
//   12:04:05.123 INFO  api        listening  port=3000 correlationId=…
// The app name is coloured per app, the level per level; any line that is not a JSON object is
// shown as it is after the app name. Plain Node.js without dependencies (runs before the build).
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const LEVEL_COLOURS = {
  trace: '\x1b[90m',
  debug: '\x1b[36m',
  info: '\x1b[32m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
  fatal: '\x1b[41m\x1b[97m',
};
const PINO_LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const APP_COLOURS = [
  '\x1b[35m',
  '\x1b[34m',
  '\x1b[36m',
  '\x1b[33m',
  '\x1b[32m',
  '\x1b[95m',
  '\x1b[94m',
];
const HIDDEN = new Set([
  'level',
  'time',
  'service',
  'message',
  'msg',
  'pid',
  'hostname',
  'app',
  'v',
]);

/** A stable colour per app name. */
export function appColour(name) {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return APP_COLOURS[hash % APP_COLOURS.length];
}

const show = (value) => {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
};

/** One JSON log line (or any text) as a readable line; `colour` false gives plain text. */
export function prettyLine(app, line, { colour = true, width = 11 } = {}) {
  const paint = (code, text) => (colour ? `${code}${text}${RESET}` : text);
  const prefix = paint(appColour(app), app.padEnd(width));
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return `${prefix} ${line}`;
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    return `${prefix} ${line}`;
  const level = String(PINO_LEVELS[entry.level] ?? entry.level ?? 'info');
  const time =
    typeof entry.time === 'string'
      ? entry.time.slice(11, 23)
      : typeof entry.time === 'number'
        ? new Date(entry.time).toISOString().slice(11, 23)
        : '';
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${show(value)}`)
    .join(' ');
  const message = entry.message ?? entry.msg ?? '';
  return [
    paint(DIM, time),
    paint(LEVEL_COLOURS[level] ?? '', level.toUpperCase().padEnd(5)),
    prefix,
    message,
    fields ? paint(DIM, fields) : '',
  ]
    .filter((part, i) => part !== '' || i === 3)
    .join(' ')
    .trimEnd();
}
