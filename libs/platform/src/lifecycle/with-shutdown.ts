import { Module, type DynamicModule } from '@nestjs/common';
import { shutdownHook } from './shutdown-hook.js';

@Module({})
class ShutdownWrapperModule {}

/** The app's root module plus a hook run when it shuts down (tracing's last export). */
export function withShutdown(module: unknown, close: () => Promise<unknown> | void): DynamicModule {
  return {
    module: ShutdownWrapperModule,
    imports: [module as DynamicModule],
    providers: [shutdownHook(close)],
  };
}
