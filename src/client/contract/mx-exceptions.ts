// Where MX's official documents are known to be wrong, the correction the contract checks apply,
// with the reason. Each entry is a recorded, justified exception; keep this list short.
import type { SpecException } from './validator.js';

export const MX_V20250224_EXCEPTIONS: readonly SpecException[] = [
  {
    pointer: '/components/schemas/UserResponse/properties/email',
    patch: { nullable: true },
    reason:
      'A user created without an email has no email; the document types it as a non-nullable string, ' +
      'while every other optional user field (id, metadata) is nullable. mx-sim answers null.',
  },
];
