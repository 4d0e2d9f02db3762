// A time that reads like seconds is reported once, and only such a time.
import type { DequestEvent } from '../../src/events/dequest-event';
import { warnOfSeconds } from '../../src/events/seconds-warning';

const warningsFor = (value: unknown): DequestEvent[] => {
  const events: DequestEvent[] = [];
  warnOfSeconds((event) => events.push(event), 'syncClient on getUser: timeout', value);
  return events;
};

test('1 to 99 ms, whole or not, read like seconds', () => {
  expect(warningsFor(30)).toEqual([
    {
      type: 'config-warning',
      message:
        'syncClient on getUser: timeout is 30 ms: did you mean seconds? Times are in milliseconds, as axios counts: 30000 is 30 s.',
    },
  ]);
  expect(warningsFor(1)).toHaveLength(1);
  expect(warningsFor(2.5)).toHaveLength(1);
  expect(warningsFor(99.9)).toHaveLength(1);
});

test.each([0, 100, 30_000, -5, Number.NaN, Infinity, '30', undefined])(
  '%p says nothing',
  (value) => {
    expect(warningsFor(value)).toEqual([]);
  },
);
