// Settings every property test shares. The seed is fixed so CI runs the same cases each time;
// fast-check prints it, with the shrunk counterexample, when a property fails. To replay a
// failure or to explore other cases: FC_SEED=<seed> npx jest <file>.
import type { Parameters } from 'fast-check';

/** The seed of every property test: `FC_SEED` from the environment, else a fixed one. */
export const SEED = process.env.FC_SEED === undefined ? 20_251_202 : Number(process.env.FC_SEED);

/** fast-check parameters for `numRuns` runs from {@link SEED}. */
export const runs = <T>(numRuns: number): Parameters<T> => ({ seed: SEED, numRuns });
