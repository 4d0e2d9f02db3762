import type { InternalAxiosRequestConfig, AxiosResponse } from 'axios';
import type { EventListener } from '../events/dequest-event';
import type { BreakerAdmission } from './breaker-admission';
import type { BreakerStateStore } from './breaker-state-store';
import type { CircuitBreaker } from './circuit-breaker';
import type { Timers } from './clock';
import type { RetryPlan } from './retry-options';

/** Everything one call's retry loop needs. */
export interface RetryCall {
  readonly config: InternalAxiosRequestConfig;
  readonly attempt: (config: InternalAxiosRequestConfig, attempt: number) => Promise<AxiosResponse>;
  readonly isOuter: (status: number | undefined) => boolean;
  readonly retry: RetryPlan;
  readonly breaker: CircuitBreaker | undefined;
  readonly admission: BreakerAdmission | undefined;
  readonly coolDowns: BreakerStateStore | undefined;
  readonly timers: Timers;
  readonly listener: EventListener | undefined;
}
