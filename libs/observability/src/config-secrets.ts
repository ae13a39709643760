const secretKey = /(SECRET|TOKEN|PASSWORD|PRIVATE_KEY)/;

/**
 * The secret values in an app's validated configuration, for `createLogger({ secrets })`: every
 * key naming a secret, token, password or private key, the password of `METRICS_BASIC_AUTH` and
 * of any `*_URL` (DATABASE_URL).
 */
export function configSecrets(config: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'string' || value === '') continue;
    if (secretKey.test(key)) found.push(value);
    else if (key === 'METRICS_BASIC_AUTH' && value.includes(':'))
      found.push(value.slice(value.indexOf(':') + 1));
    else if (key.endsWith('_URL')) {
      const password = passwordOf(value);
      if (password) found.push(password);
    }
  }
  return found.filter((secret) => secret.length >= 4);
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
