// Where each argument of a declared call goes: checked and decided when the call is declared.
export { compileSlots } from './compile-slots';
export { undeclaredSlot } from './undeclared-slot';
export type { Slot, Slots } from './slot';
