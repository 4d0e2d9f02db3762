/** An option's value for a message, never the value itself (it may be a secret): its type, or a number. */
export const describe = (value: unknown): string =>
  typeof value === 'number' ? String(value) : value === null ? 'null' : typeof value;
