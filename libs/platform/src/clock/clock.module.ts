import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@kd/events';

/** Provides the system clock (token CLOCK) to every module of an app: where an app reads the time. */
@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
export class ClockModule {}
