// What a value looks like wherever a user might print it: the no-secret tests check each text.
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import util from 'node:util';

/**
 * What console.error and util.inspect (depth Infinity, with and without showHidden) print of
 * `value`, keyed by how it was printed. Tests add the printings of their own concern.
 */
export function printings(value: unknown): Record<string, string> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  new Console({ stdout: out, stderr: out }).error(value);
  return {
    'console.error': chunks.join(''),
    'util.inspect depth Infinity': util.inspect(value, { depth: Infinity }),
    'util.inspect depth Infinity showHidden': util.inspect(value, {
      depth: Infinity,
      showHidden: true,
    }),
  };
}
