// Scenario files checked without a simulator: precise messages for every problem (file, line, path),
// broken YAML and JSON, faults, records; every built-in refers to the JSON Schema.
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILTINS_DIR,
  builtinScenarioNames,
  type LoadedScenario,
  loadScenarioFile,
  parseScenario,
  resolveScenarioPath,
  SCENARIO_LIMITS,
  ScenarioError,
  type ScenarioLimits,
} from '../../src/scenarios/load.js';

const builtin = (name: string): LoadedScenario => {
  const path = resolveScenarioPath(name);
  return { scenario: loadScenarioFile(path), source: path };
};

function problemsOf(text: string, source = 'bad.yaml'): string[] {
  try {
    parseScenario(text, source);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario validation', () => {
  it('points at the file, line and path of every problem and says what is wrong', () => {
    const problems = problemsOf(
      [
        'name: broken',
        'institutions:',
        '  - code: Flaky-Bank',
        '    name: Flaky Bank',
        '    products: [transactions, rewardz]',
        'outcomes:',
        '  - match: { institution: flakybank }',
        '    jobs:',
        '      - [ { challenge: TEXT }, REJECTED, CONNECTED ]',
        '      - CREATED',
        '      - [ { challenge: SMS } ]',
        '  - match: {}',
        '    jobs: [CONNECTED]',
        'timing: { sync_ms: -5 }',
        'colour: blue',
      ].join('\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^bad\.yaml:1:1 \(top level\): Unrecognized key: "colour"/),
      'bad.yaml:3:11 institutions[0].code: use lowercase letters, digits and underscores',
      expect.stringMatching(/^bad\.yaml:5:30 institutions\[0\]\.products\[1\]: must be one of account_verification, /),
      'bad.yaml:9:42 outcomes[0].jobs[0][2]: the job already ended with the status at [1]; this step is never reached',
      expect.stringMatching(
        /^bad\.yaml:10:9 outcomes\[0\]\.jobs\[1\]: 'CREATED' is a status MX shows while a job runs, never how a job ends; use one of PREVENTED, /,
      ),
      expect.stringMatching(
        /^bad\.yaml:11:24 outcomes\[0\]\.jobs\[2\]\[0\]\.challenge: 'SMS' is not a challenge type; use one of TEXT, OPTIONS/,
      ),
      'bad.yaml:12:12 outcomes[1].match: say what to match: institution, username, password, member_id or user_id',
      'bad.yaml:14:20 timing.sync_ms: Too small: expected number to be >=0',
    ]);
  });

  it('locates every problem in client.disabled_products and names what can be disabled', () => {
    expect(
      problemsOf(['client:', '  disabled_products: [statements, transactions, rewardz]', '  enabled: yes'].join('\n')),
    ).toEqual([
      'bad.yaml:2:3 client: Unrecognized key: "enabled"',
      "bad.yaml:2:35 client.disabled_products[1]: 'transactions' cannot be disabled: every member aggregates accounts and transactions",
      "bad.yaml:2:49 client.disabled_products[2]: 'rewardz' is not a product that can be disabled; use one of account_verification, identity_verification, transaction_history, statements, investments, rewards",
    ]);
    expect(problemsOf('client: { disabled_products: statements }')).toEqual([
      'bad.yaml:1:30 client.disabled_products: Invalid input: expected array, received string',
    ]);
    expect(parseScenario('client: { disabled_products: [statements, rewards] }', 'ok.yaml').client).toEqual({
      disabled_products: ['statements', 'rewards'],
    });
  });

  it("points at a wrong oauth: rule and lists the endings and MX's error reasons", () => {
    const reasons = 'CANCELLED, DENIED, IMPEDED, PROVIDER_ERROR, SERVER_ERROR, SESSION_ERROR';
    const problems = problemsOf(
      [
        'outcomes:',
        '  - match: { institution: a }',
        '    oauth: nope',
        '  - match: { institution: b }',
        '    oauth: { error_reason: TIMEOUT }',
        '  - match: { institution: c }',
        '    oauth: { error_reason: DENIED, status: FAILED }',
        '  - match: { institution: d }',
        '    oauth: [deny]',
        '  - match: { institution: e }',
        '    oauth: { error_reason: IMPEDED }',
        '  - match: { institution: f }',
        '    oauth: deny',
      ].join('\n'),
    );
    const endings = `use approve, deny or { error_reason: ${reasons.replaceAll(', ', ' | ')} }`;
    expect(problems).toEqual([
      `bad.yaml:3:12 outcomes[0].oauth: 'nope' is not an OAuth ending; ${endings}`,
      `bad.yaml:5:28 outcomes[1].oauth.error_reason: 'TIMEOUT' is not an OAuth error reason; use one of ${reasons}`,
      'bad.yaml:7:12 outcomes[2].oauth: Unrecognized key: "status"',
      `bad.yaml:9:12 outcomes[3].oauth: ["deny"] is not an OAuth ending; ${endings}`,
    ]);
  });

  it('reports broken YAML and JSON with its position', () => {
    expect(problemsOf('name: [unclosed', 'x.yaml')[0]).toMatch(/^x\.yaml:1:\d+: not valid YAML or JSON/);
    expect(problemsOf('{"name": "x",, }', 'x.json')[0]).toMatch(/^x\.json:1:\d+: not valid YAML or JSON/);
    expect(problemsOf('{"outcomes": [{"match": {"institution": "mxbank"}, "jobs": ["NOPE"]}]}', 'x.json')[0]).toMatch(
      /^x\.json:1:\d+ outcomes\[0\]\.jobs\[0\]: 'NOPE' is not a connection status/,
    );
  });

  it('ships a JSON Schema that every built-in scenario refers to', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../src/scenarios/scenario.schema.json', import.meta.url), 'utf8'),
    );
    expect(schema.properties.outcomes.type).toBe('array');
    const names = builtinScenarioNames();
    expect(names).toEqual([
      'flaky-institution',
      'large-history',
      'mfa-gauntlet',
      'mxbank',
      'oauth-institution',
      'rate-limiting',
    ]);
    for (const name of names) {
      const text = readFileSync(`${BUILTINS_DIR}${name}.yaml`, 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../scenario.schema.json');
      expect(builtin(name).scenario.name).toBe(name);
    }
  });
});

describe('faults', () => {
  it('validates faults with precise messages', () => {
    expect(problemsOf('faults:\n  - { route: "FETCH /x", status: 200, every: 2, probability: 0.5 }\n')).toEqual([
      "bad.yaml:2:14 faults[0].route: write 'METHOD /path' (METHOD is GET, POST, PUT, DELETE or *; a path segment may be *), or * for every route",
      'bad.yaml:2:34 faults[0].status: must be an HTTP error status (400-599)',
      'bad.yaml:2:62 faults[0].probability: use either every or probability, not both',
    ]);
    expect(problemsOf('faults:\n  - { route: "*" }\n')[0]).toContain(
      'faults[0]: a fault needs an effect: status, retry_after, latency_ms or drop',
    );
  });
});

describe('preset validation', () => {
  it('checks records in the file itself, with line numbers', () => {
    let thrown: ScenarioError | undefined;
    try {
      parseScenario(
        `users:
  - members:
      - institution: mxbank
        accounts:
          - type: CHEQUING
            transactions:
              - { amount: -5, type: DEBIT, description: x }
`,
        'p.yaml',
      );
    } catch (e) {
      thrown = e as ScenarioError;
    }
    expect(thrown?.problems).toEqual([
      expect.stringMatching(/^p\.yaml:5:\d+ users\[0\]\.members\[0\]\.accounts\[0\]\.type: must be one of CHECKING, /),
      expect.stringMatching(
        /^p\.yaml:7:\d+ users\[0\]\.members\[0\]\.accounts\[0\]\.transactions\[0\]: give exactly one of date or days_ago/,
      ),
      expect.stringMatching(
        /^p\.yaml:7:\d+ users\[0\]\.members\[0\]\.accounts\[0\]\.transactions\[0\]\.amount: must be positive/,
      ),
    ]);
  });
});

describe('limits on untrusted text', () => {
  const limits = (more: Partial<ScenarioLimits>): ScenarioLimits => ({ ...SCENARIO_LIMITS, ...more });
  const refusal = (text: string, more: Partial<ScenarioLimits>) => {
    try {
      parseScenario(text, 'big.yaml', limits(more));
    } catch (e) {
      if (e instanceof ScenarioError) return e.problems;
      throw e;
    }
    throw new Error('expected the scenario to be refused');
  };

  it('counts tokens as the text is read and refuses at the first one past the limit, where it is', () => {
    const five = '{"name":"x"}'; // {, "name", :, "x", }
    expect(() => parseScenario(five, 'big.yaml', limits({ tokens: 5 }))).not.toThrow();
    expect(refusal('{"name":"x","seed":1}', { tokens: 5 })).toEqual([
      'big.yaml:1:13: more than 5 YAML/JSON tokens by here, more than a scenario may hold (the largest export ' +
        'holds about 4.7 million); split it, e.g. export one user at a time with GET /_mx-sim/export?user=',
    ]);
    // A space, line break or comment counts a quarter: 20 of them are 5 tokens.
    expect(() => parseScenario(`${'# note\n'.repeat(10)}${five}`, 'big.yaml', limits({ tokens: 10 }))).not.toThrow();
    expect(refusal(`${'\n'.repeat(21)}${five}`, { tokens: 10 })[0]).toMatch(/^big\.yaml:22:\d+: more than 10 YAML/);
  });

  it('refuses text longer than the byte limit, and a file larger than 64 MiB before reading it', () => {
    expect(refusal(`name: ${'x'.repeat(100)}`, { bytes: 100 })).toEqual([
      'big.yaml: 106 characters; a scenario may be up to 0 MiB',
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-')), 'huge.yaml');
    writeFileSync(file, 'name: huge\n');
    truncateSync(file, 65 * 1024 * 1024); // sparse: no 65 MiB written
    expect(() => loadScenarioFile(file)).toThrow(`${file}: the file is 65 MiB; a scenario may be up to 64 MiB`);
  });

  it('never throws anything but a ScenarioError, whatever the text', () => {
    const piece = fc.constantFrom(
      ...['[', ']', '{', '}', ',', ':', ' ', '\n', '- ', '? ', '&a ', '*a', '!!str ', '!x ', '"', "'", '#', '|', '>'],
      ...['---', '...', '%YAML 1.2', '\t', '\\', 'name', 'users', 'date', '2026-02-30', '0', '-1', '1e999', '~'],
      ...['__proto__', 'constructor', '<<', '\u0000', '\uFEFF', '\r', 'jobs', 'outcomes', 'institutions'],
    );
    // Anchors whose lists alias the anchors before them: some expand past what the parser allows.
    const aliases = fc
      .array(fc.array(fc.nat(), { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 8 })
      .map((levels) =>
        levels
          .map((refs, i) => `a${i}: &a${i} [${i === 0 ? 'x' : refs.map((r) => `*a${r % i}`).join(', ')}]`)
          .join('\n'),
      );
    const text = fc.oneof(
      fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join('')),
      aliases,
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          parseScenario(t, 'fuzz.yaml');
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
          for (const p of (e as ScenarioError).problems) expect(p.length).toBeLessThanOrEqual(401);
        }
      }),
      { numRuns: 2000, seed: 12 },
    );
  });
});
