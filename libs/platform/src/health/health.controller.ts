import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';

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

  /**
   * 200 when every dependency answers; 503 naming each one that does not, as `down` and nothing
   * more (why is in the dependency's own log lines: an anonymous caller learns no host or error).
   */
  @Get('ready')
  async ready(
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ status: 'ready' | 'not_ready'; checks: Record<string, CheckState> }> {
    const entries = await Promise.all(
      Object.entries(this.checks).map(
        async ([name, check]) => [name, await runCheck(check)] as const,
      ),
    );
    const checks = Object.fromEntries(entries);
    if (entries.every(([, state]) => state === 'ok')) return { status: 'ready', checks };
    response.status(503);
    return { status: 'not_ready', checks };
  }
}

export type CheckState = 'ok' | 'down';

export async function runCheck(check: () => Promise<void>): Promise<CheckState> {
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
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
