// The text an error carries, where a URL with a secret may sit. No axios import, so that any
// layer may use it.
import { scrubRules, scrubText, type ScrubOptions } from './scrub-rules';

/**
 * The strings an error holds: its message and stack, and what Node adds (a URL error's `input`
 * and `base`, a system error's `path`), where a URL with a secret query value may sit.
 */
export function ownTexts(error: Error): [string, string][] {
  const texts: [string, string][] = [];
  for (const name of Object.getOwnPropertyNames(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, name);
    const value: unknown =
      descriptor && 'value' in descriptor
        ? descriptor.value
        : name === 'stack'
          ? stackOf(error)
          : undefined;
    if (typeof value === 'string') texts.push([name, value]);
  }
  return texts;
}

/**
 * What scrubError does to an error's own text (message, stack, a URL error's `input` and
 * `base`), done to the error itself: for an error made for the caller's request, which nothing
 * else holds.
 */
export function scrubTextsInPlace(error: Error, options?: ScrubOptions): void {
  const rules = scrubRules(options);
  for (const [name, text] of ownTexts(error)) {
    const safe = scrubText(text, rules);
    if (safe === text) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, name);
    if (descriptor?.configurable !== false)
      Object.defineProperty(error, name, {
        value: safe,
        enumerable: descriptor?.enumerable ?? false,
        writable: true,
        configurable: true,
      });
  }
}

// V8 writes the stack when it is first read, with the error's name: a name getter that throws
// makes reading it throw.
function stackOf(error: Error): string | undefined {
  try {
    return error.stack;
  } catch {
    return undefined;
  }
}
