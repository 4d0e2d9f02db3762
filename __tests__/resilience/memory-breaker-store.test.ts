import { ConfigurationError, memoryBreakerStore } from '../../src/index';
import { describeBreakerStoreContract } from './helpers/breaker-store-contract';

describeBreakerStoreContract('memoryBreakerStore', async () => {
  let now = 0;
  return {
    store: memoryBreakerStore({ clock: () => now }),
    advance: async (ms) => {
      now += ms;
    },
  };
});

test('a clock that is not a function is a ConfigurationError', () => {
  expect(() => memoryBreakerStore({ clock: 5 as never })).toThrow(ConfigurationError);
});
