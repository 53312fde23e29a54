// The recording's redaction alone: secrets anywhere in a body, challenge prompts kept.
import { describe, expect, it } from 'vitest';
import { redactValue } from '../../src/client/record.js';

describe('recording a flow', () => {
  it('redacts nested secrets but keeps challenge prompts (they carry a type)', () => {
    expect(
      redactValue({
        member: { credentials: [{ guid: 'CRD-1', value: 'x' }] },
        challenges: [{ guid: 'CRD-2', type: 'TEXT', label: 'City?' }],
        nested: { api_key: 'k', password: 'p', account_number: '123456789' },
      }),
    ).toEqual({
      member: { credentials: [{ guid: 'CRD-1', value: '[REDACTED]' }] },
      challenges: [{ guid: 'CRD-2', type: 'TEXT', label: 'City?' }],
      nested: { api_key: '[REDACTED]', password: '[REDACTED]', account_number: 'XXXXX6789' },
    });
  });
});
