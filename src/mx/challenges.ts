// MX's MFA challenge types (a challenge's `type` on the wire).

export const CHALLENGE_KINDS = ['TEXT', 'OPTIONS', 'IMAGE_DATA', 'IMAGE_OPTIONS', 'TOKEN'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];
