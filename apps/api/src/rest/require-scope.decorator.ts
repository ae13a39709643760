import { SetMetadata } from '@nestjs/common';
import type { Scope } from '@kd/auth';

export const REQUIRED_SCOPE = 'kd:required-scope';

/**
 * The scope a REST route needs (`read` ⊂ `write` ⊂ `operator`). JwtAuthGuard refuses a route
 * without one, and a unit test checks every guarded route declares it.
 */
export const RequireScope = (scope: Scope) => SetMetadata(REQUIRED_SCOPE, scope);
