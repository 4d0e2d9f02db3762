// The auth layer's surface for the layers above it (client, declare). Not public: only
// attachAuth and the option types are re-exported from the package entry.
export { attachAuth } from './attach-auth';
export { attachResilience, installResilience } from './attach-resilience';
export type { AttachResilienceOptions } from './attach-resilience';
export { AUTH_OPTION_KEYS } from './options';
export type { AuthOptions, OriginPattern } from './options';
export { ownedHeaderNames, wantsAuth } from './owned-headers';
export { compileAuthPlanIfWanted, withPlans } from './request-auth';
export type { CallResilience } from './send-resilient';
export { ATTACH_OPTION_KEYS, listenerOf } from './option-names';
