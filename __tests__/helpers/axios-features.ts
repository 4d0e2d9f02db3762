import axios from 'axios';

/**
 * Whether the axios under test has the fetch adapter. The axios-oldest project maps `axios`
 * to 1.6.8, which has none: its fetch cases are skipped there.
 */
export const hasFetchAdapter = ((): boolean => {
  try {
    axios.getAdapter('fetch');
    return true;
  } catch {
    return false;
  }
})();
