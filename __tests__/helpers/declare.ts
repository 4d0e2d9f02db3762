// Helpers for the declared-call tests (__tests__/declare).

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error as Error,
  );
}

/** The error a function throws; fails the test if it returns. */
export function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

/** A promise with its resolve function, for callbacks (asyncClient). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** dequest's test DTO: the constructor computes a field from the raw object it is given. */
export class UserDto {
  readonly name: string;
  readonly grade: number;
  readonly city: string;
  readonly birthday: Date;
  /** Every argument the constructor got, to check it got only the raw object. */
  readonly constructedWith: unknown[];

  constructor(...args: unknown[]) {
    const raw = args[0] as { name: string; grade: number | string; city: string; birthday: string };
    this.constructedWith = args;
    this.name = raw.name;
    this.grade = Number(raw.grade);
    this.city = raw.city;
    this.birthday = new Date(raw.birthday);
  }
}

export const ALICE = { name: 'Alice', grade: 14, city: 'New York', birthday: '2000-01-01' };
