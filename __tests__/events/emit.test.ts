import { describeEvent, emit } from '../../src/events/emit';
import type { DequestEvent } from '../../src/events/dequest-event';

const withheld: DequestEvent = {
  type: 'credentials-withheld',
  target: 'GET https://other.example.com/x',
  reason: 'origin-not-allowed',
  name: 'authToken',
};

test('an event reads as one line: its type, then each field', () => {
  expect(describeEvent(withheld)).toBe(
    'credentials-withheld target=GET https://other.example.com/x reason=origin-not-allowed name=authToken',
  );
  expect(
    describeEvent({
      type: 'credentials-attached',
      target: 'GET https://a/b',
      names: ['Authorization', 'x-api-key'],
    }),
  ).toBe('credentials-attached target=GET https://a/b names=Authorization,x-api-key');
});

test('the listener gets the event itself', () => {
  const seen: DequestEvent[] = [];
  emit((event) => seen.push(event), withheld);
  expect(seen).toEqual([withheld]);
});

test('a listener that throws does not fail the caller', () => {
  expect(() => {
    emit(() => {
      throw new Error('broken listener');
    }, withheld);
  }).not.toThrow();
});
