import { Global, Module } from '@nestjs/common';
import { systemClock } from '@kd/events';

/** Injection token of the app's Clock (`@Inject(CLOCK) clock: Clock`); tests override it. */
export const CLOCK = Symbol('CLOCK');

/** Provides the system clock to every module of an app; the one place an app reads the time. */
@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
export class ClockModule {}
