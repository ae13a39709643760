import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  failModes,
  SIM_CONFIG,
  type FailMode,
  type KalturaSimConfig,
} from '../kaltura-sim.config.js';
import { ThrottleWindow } from './throttle-window.js';

export const faultSettingsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000),
  failMode: z.enum(failModes),
  /** Share of API requests that fail with failMode (0–1). */
  failRate: z.number().min(0).max(1),
  /** When set, only the next N API requests fail; null = no limit. */
  failNext: z.number().int().min(0).nullable(),
  throttlePerSec: z.number().int().min(0),
  /**
   * Only these calls fail (`service` or `service.action`, lower case, e.g. `["user"]` makes the
   * user calls unavailable while rooms still work); null = every call.
   */
  failOnly: z.array(z.string().min(1).max(128)).max(50).nullable(),
});
export type FaultSettings = z.output<typeof faultSettingsSchema>;

/** Latency, failures and throttling applied to API requests; changeable at runtime via /__sim/faults. */
@Injectable()
export class SimFaults {
  private settings: FaultSettings;
  private readonly throttle = new ThrottleWindow();

  constructor(@Inject(SIM_CONFIG) private readonly config: KalturaSimConfig) {
    this.settings = this.defaults();
  }

  current(): FaultSettings {
    return { ...this.settings };
  }

  update(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...patch };
    if (patch.throttlePerSec !== undefined) this.throttle.clear();
    return this.current();
  }

  reset(): FaultSettings {
    this.settings = this.defaults();
    this.throttle.clear();
    return this.current();
  }

  /** The failure this request gets, if any. */
  nextFailure(service: string, action: string): FailMode {
    const { failMode, failRate, failNext, failOnly } = this.settings;
    if (failMode === 'none') return 'none';
    if (failOnly !== null && !targets(failOnly, service, action)) return 'none';
    if (failNext !== null) {
      if (failNext <= 0) return 'none';
      this.settings.failNext = failNext - 1;
      return failMode;
    }
    return Math.random() < failRate ? failMode : 'none';
  }

  admit(): boolean {
    return this.throttle.admit(this.settings.throttlePerSec);
  }

  private defaults(): FaultSettings {
    return {
      latencyMs: this.config.KALTURA_SIM_LATENCY_MS,
      failMode: this.config.KALTURA_SIM_FAIL_MODE,
      failRate: this.config.KALTURA_SIM_FAIL_RATE,
      failNext: null,
      throttlePerSec: this.config.KALTURA_SIM_THROTTLE_PER_SEC,
      failOnly: null,
    };
  }
}

function targets(failOnly: readonly string[], service: string, action: string): boolean {
  const s = service.toLowerCase();
  return failOnly.includes(s) || failOnly.includes(`${s}.${action.toLowerCase()}`);
}
