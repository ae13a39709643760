/**
 * Errors that say nothing about the event: the database or the network failed. The batch is
 * retried instead of parking events. SQLSTATE classes: 08 connection, 40 transaction rollback
 * (serialization, deadlock), 53 insufficient resources, 57 operator intervention (shutdown),
 * 58 system error.
 */
const transientClasses = new Set(['08', '40', '53', '57', '58']);

export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
    return transientClasses.has(code.slice(0, 2));
  const message = String((error as { message?: unknown } | null)?.message ?? error);
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|connection is closed|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
    message,
  );
}
