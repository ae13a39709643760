import { Controller, Get, HttpCode, HttpException, Inject } from '@nestjs/common';

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** Named readiness checks; each resolves when its dependency answers, rejects otherwise. */
export type HealthChecks = Record<string, () => Promise<void>>;

const checkTimeoutMs = 1500;

@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthChecks) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /** 200 when every dependency answers; 503 naming each one that does not. */
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: Record<string, string> }> {
    const entries = await Promise.all(
      Object.entries(this.checks).map(
        async ([name, check]) => [name, await runCheck(check)] as const,
      ),
    );
    const checks = Object.fromEntries(entries);
    const down = entries.filter(([, result]) => result !== 'ok').map(([name]) => name);
    if (down.length === 0) return { status: 'ready', checks };
    throw new HttpException(
      {
        error: { code: 'HEALTH.NOT_READY', message: `not ready: ${down.join(', ')} unavailable` },
        status: 'unavailable',
        checks,
      },
      503,
    );
  }
}

export async function runCheck(check: () => Promise<void>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${checkTimeoutMs} ms`)),
      checkTimeoutMs,
    );
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (error) {
    return `down: ${(error as Error).message ?? String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}
