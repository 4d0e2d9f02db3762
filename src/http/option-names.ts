// How far a name may be from an option's to count as a slip of it, after case, `_` and `-` are
// set aside (authtoken, auth_token, AuthToken): none for short names, where any word is near
// another, then one edit, then two for long names.
const allowedDistance = (length: number): number => (length < 5 ? 0 : length < 10 ? 1 : 2);

const normal = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, substitution);
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** The known option `name` is most likely a slip of, if any. */
export function closestOption(name: string, known: readonly string[]): string | undefined {
  const given = normal(name);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of known) {
    const d = distance(given, normal(option));
    if (d < bestDistance && d <= allowedDistance(Math.min(given.length, option.length))) {
      best = option;
      bestDistance = d;
    }
  }
  return best;
}

/** How {@link unknownOptionsProblem} reads an options object. */
export interface OptionNames {
  /** Every option name the function takes. */
  readonly known: readonly string[];
  /** Names from elsewhere (dequest's Python names) and what to write instead. */
  readonly renamed?: Readonly<Record<string, string>>;
  /**
   * `true`: every unknown name is a mistake (the options are a closed set). `false`: other names
   * pass (to axios, say), and only a slip of a known one is a mistake.
   */
  readonly closed?: boolean;
}

/**
 * The one wording for option names that are wrong, or `undefined` when every name is fine:
 * `unknown option authtoken (did you mean authToken?)`, then what follows from it. The caller
 * prefixes its own name and throws it as a ConfigurationError.
 */
export function unknownOptionsProblem(options: object, names: OptionNames): string | undefined {
  const { known, renamed = {}, closed = false } = names;
  const wrong: string[] = [];
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const meant = Object.prototype.hasOwnProperty.call(renamed, name)
      ? renamed[name]
      : closestOption(name, known);
    if (meant !== undefined) wrong.push(`${name} (did you mean ${meant}?)`);
    else if (closed) wrong.push(name);
  }
  if (wrong.length === 0) return undefined;
  const list = `unknown option${wrong.length === 1 ? '' : 's'} ${wrong.join(', ')}`;
  return closed
    ? `${list}. The options are: ${known.join(', ')}.`
    : `${list}; left as ${wrong.length === 1 ? 'it is, it' : 'they are, they'} would be ignored.`;
}
