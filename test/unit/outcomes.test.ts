// What the test institutions do with credentials and MFA answers (docs/lifecycle.md, "Test institutions"):
// MX Bank's documented passwords, simbank's extras, and scripted steps' own answers.
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src/mx/statuses.js';
import { buildChallenge } from '../../src/server/engine/challenges.js';
import {
  connectsAtOnce,
  credentialOutcome,
  judgeAnswers,
  judgeScriptAnswers,
  SCRIPTED_INSTITUTIONS,
  type ScriptStep,
} from '../../src/server/engine/outcomes.js';

const MXBANK_ERRORS = {
  BAD_REQUEST: 'FAILED',
  UNAUTHORIZED: 'DENIED',
  INVALID: 'DENIED',
  LOCKED: 'LOCKED',
  DISABLED: 'DISABLED',
  SERVER_ERROR: 'FAILED',
  UNAVAILABLE: 'FAILED',
} as const;

describe('the scripted test institutions', () => {
  it('are mxbank and simbank', () => {
    expect(SCRIPTED_INSTITUTIONS).toEqual(['mxbank', 'simbank']);
  });
});

describe('MX Bank (mxbank)', () => {
  for (const [password, status] of Object.entries(MXBANK_ERRORS)) {
    it(`password ${password} → ${status}`, () => {
      expect(credentialOutcome('mxbank', password)).toEqual({ kind: 'fail', status });
    });
  }

  it('challenge, options and image → a TEXT, OPTIONS or IMAGE_DATA challenge', () => {
    expect(credentialOutcome('mxbank', 'challenge')).toEqual({ kind: 'challenge', challenges: ['TEXT'] });
    expect(credentialOutcome('mxbank', 'options')).toEqual({ kind: 'challenge', challenges: ['OPTIONS'] });
    expect(credentialOutcome('mxbank', 'image')).toEqual({ kind: 'challenge', challenges: ['IMAGE_DATA'] });
  });

  it("connects with any other password, simbank's extras and status names included; passwords are case-sensitive", () => {
    for (const password of [
      'password',
      'locked',
      'Challenge',
      'token',
      'multi',
      'image_options',
      'CHALLENGED',
      'IMPAIRED',
      '',
    ]) {
      expect(credentialOutcome('mxbank', password), password).toEqual({ kind: 'connect' });
    }
  });

  it('connects without a password', () => {
    expect(credentialOutcome('mxbank', undefined)).toEqual({ kind: 'connect' });
    expect(credentialOutcome('simbank', undefined)).toEqual({ kind: 'connect' });
  });
});

describe('Simulator Bank (simbank)', () => {
  for (const [password, status] of Object.entries(MXBANK_ERRORS)) {
    it(`takes MX Bank's password ${password} → ${status}`, () => {
      expect(credentialOutcome('simbank', password)).toEqual({ kind: 'fail', status });
    });
  }

  it("takes MX Bank's challenges and adds IMAGE_OPTIONS, TOKEN, several at once, and CHALLENGED", () => {
    const cases = {
      challenge: ['TEXT'],
      options: ['OPTIONS'],
      image: ['IMAGE_DATA'],
      image_options: ['IMAGE_OPTIONS'],
      token: ['TOKEN'],
      multi: ['TEXT', 'OPTIONS'],
      CHALLENGED: ['TEXT'],
    };
    for (const [password, challenges] of Object.entries(cases)) {
      expect(credentialOutcome('simbank', password), password).toEqual({ kind: 'challenge', challenges });
    }
  });

  it('ends in any connection status named as the password', () => {
    for (const status of ['IMPAIRED', 'IMPORTED', 'DEGRADED', 'DENIED', 'PREVENTED', 'EXPIRED', 'REJECTED']) {
      expect(credentialOutcome('simbank', status), status).toEqual({ kind: 'fail', status });
    }
  });

  it('connects with CONNECTED, any other password, or a status name in the wrong case', () => {
    for (const password of ['CONNECTED', 'password', 'impaired', 'TEXT', '']) {
      expect(credentialOutcome('simbank', password), password).toEqual({ kind: 'connect' });
    }
  });
});

describe('any other institution', () => {
  it('connects whatever the password', () => {
    for (const password of ['LOCKED', 'challenge', 'IMPAIRED', 'password']) {
      expect(credentialOutcome('mxcu_credential', password), password).toEqual({ kind: 'connect' });
    }
  });
});

describe("MX Bank's answer rules", () => {
  it('correct passes', () => {
    expect(judgeAnswers(['correct'])).toEqual({ kind: 'correct' });
    expect(judgeAnswers(['correct', 'correct'])).toEqual({ kind: 'correct' });
  });

  it('challenge counts as correct and raises a TEXT follow-up', () => {
    expect(judgeAnswers(['challenge'])).toEqual({ kind: 'followup', challenges: ['TEXT'] });
    expect(judgeAnswers(['correct', 'challenge'])).toEqual({ kind: 'followup', challenges: ['TEXT'] });
    expect(judgeAnswers(['challenge', 'correct'])).toEqual({ kind: 'followup', challenges: ['TEXT'] });
  });

  it('an error password among the answers simulates that error (the first one wins)', () => {
    for (const [value, status] of Object.entries(MXBANK_ERRORS)) {
      expect(judgeAnswers(['correct', value]), value).toEqual({ kind: 'fail', status });
    }
    expect(judgeAnswers(['nope', 'LOCKED', 'DISABLED'])).toEqual({ kind: 'fail', status: 'LOCKED' });
  });

  it('anything else is wrong, even beside correct answers', () => {
    expect(judgeAnswers(['nope'])).toEqual({ kind: 'wrong' });
    expect(judgeAnswers(['correct', 'nope'])).toEqual({ kind: 'wrong' });
    expect(judgeAnswers(['challenge', 'Correct'])).toEqual({ kind: 'wrong' });
    expect(judgeAnswers(['locked'])).toEqual({ kind: 'wrong' });
  });
});

describe("a scripted challenge step's answer", () => {
  const step = (answer: string, onWrong: ConnectionStatus): ScriptStep => ({
    kind: 'challenge',
    challenges: ['TEXT'],
    answer,
    onWrong,
  });

  it('passes when every answer is the expected one', () => {
    expect(judgeScriptAnswers(step('blue', 'REJECTED'), ['blue'])).toEqual({ kind: 'correct' });
    expect(judgeScriptAnswers(step('blue', 'REJECTED'), ['blue', 'blue'])).toEqual({ kind: 'correct' });
  });

  it('otherwise ends the job: REJECTED as a wrong answer, any other status as a failure', () => {
    expect(judgeScriptAnswers(step('blue', 'REJECTED'), ['red'])).toEqual({ kind: 'wrong' });
    expect(judgeScriptAnswers(step('blue', 'REJECTED'), ['blue', 'red'])).toEqual({ kind: 'wrong' });
    expect(judgeScriptAnswers(step('blue', 'LOCKED'), ['correct'])).toEqual({ kind: 'fail', status: 'LOCKED' });
  });

  it("falls back to MX Bank's rules outside a challenge step", () => {
    expect(judgeScriptAnswers(undefined, ['correct'])).toEqual({ kind: 'correct' });
    expect(judgeScriptAnswers(undefined, ['nope'])).toEqual({ kind: 'wrong' });
    expect(judgeScriptAnswers({ kind: 'status', status: 'CONNECTED' }, ['challenge'])).toEqual({
      kind: 'followup',
      challenges: ['TEXT'],
    });
  });
});

describe('challenges as members show them', () => {
  const PNG = /^data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/]+=*$/;
  function build(type: string) {
    let n = 0;
    return buildChallenge(type, (prefix) => `${prefix}-${++n}`);
  }

  it('TEXT (and any unknown type): a question with an ANSWER field', () => {
    for (const type of ['TEXT', 'SOMETHING']) {
      expect(build(type)).toEqual({
        guid: 'CRD-1',
        type,
        field_name: 'ANSWER',
        label: 'What city were you born in?',
        image_data: null,
        options: [],
        image_options: [],
      });
    }
  });

  it('OPTIONS: correct and incorrect options, each with its own guid', () => {
    expect(build('OPTIONS')).toEqual({
      guid: 'CRD-1',
      type: 'OPTIONS',
      field_name: 'OPTIONS',
      label: 'Choose the correct option to continue.',
      image_data: null,
      options: [
        { guid: 'CRD-2', label: 'correct', value: 'correct' },
        { guid: 'CRD-3', label: 'incorrect', value: 'incorrect' },
      ],
      image_options: [],
    });
  });

  it('IMAGE_DATA: a real PNG to read', () => {
    const c = build('IMAGE_DATA');
    expect(c).toEqual({
      guid: 'CRD-1',
      type: 'IMAGE_DATA',
      field_name: 'IMAGE',
      label: 'Enter the text shown in the image.',
      image_data: expect.stringMatching(PNG),
      options: [],
      image_options: [],
    });
    const png = Buffer.from((c.image_data as string).split(',')[1] as string, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('IMAGE_OPTIONS: correct and incorrect images', () => {
    expect(build('IMAGE_OPTIONS')).toEqual({
      guid: 'CRD-1',
      type: 'IMAGE_OPTIONS',
      field_name: 'IMAGE_OPTIONS',
      label: 'Choose the image you selected when you enrolled.',
      image_data: null,
      options: [],
      image_options: [
        { guid: 'CRD-2', label: 'correct', value: 'correct', data_uri: expect.stringMatching(PNG) },
        { guid: 'CRD-3', label: 'incorrect', value: 'incorrect', data_uri: expect.stringMatching(PNG) },
      ],
    });
  });

  it('TOKEN: a one-time code', () => {
    expect(build('TOKEN')).toEqual({
      guid: 'CRD-1',
      type: 'TOKEN',
      field_name: 'TOKEN',
      label: 'Enter the one-time code sent to your phone.',
      image_data: null,
      options: [],
      image_options: [],
    });
  });
});

describe('connectsAtOnce', () => {
  it('is true for a plain connect and for a script whose first step is CONNECTED (or that has none)', () => {
    expect(connectsAtOnce({ kind: 'connect' })).toBe(true);
    expect(connectsAtOnce({ kind: 'script', steps: [] })).toBe(true);
    expect(connectsAtOnce({ kind: 'script', steps: [{ kind: 'status', status: 'CONNECTED' }] })).toBe(true);
  });

  it('is false for a failure, a challenge, or a script that starts with either', () => {
    expect(connectsAtOnce({ kind: 'fail', status: 'DENIED' })).toBe(false);
    expect(connectsAtOnce({ kind: 'challenge', challenges: ['TEXT'] })).toBe(false);
    expect(connectsAtOnce({ kind: 'script', steps: [{ kind: 'status', status: 'DEGRADED' }] })).toBe(false);
    const challenge: ScriptStep = { kind: 'challenge', challenges: ['TEXT'], answer: 'x', onWrong: 'REJECTED' };
    expect(connectsAtOnce({ kind: 'script', steps: [challenge, { kind: 'status', status: 'CONNECTED' }] })).toBe(false);
  });
});
