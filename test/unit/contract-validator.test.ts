// The contract checks with a document that has a schema no JSON Schema validator compiles: the problem is
// reported against the operation that uses it, never thrown (the contract command and --contract go on).
import { describe, expect, it } from 'vitest';
import { ContractValidator } from '../../src/contract/validator.js';

/** Two operations; the second's request and answer use a schema Ajv refuses (`nullable` without `type`). */
const document = {
  openapi: '3.0.3',
  info: { title: 'broken', version: '1' },
  paths: {
    '/fine': {
      get: {
        operationId: 'fine',
        responses: {
          200: {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'object', properties: { a: { type: 'string' } } } } },
          },
        },
      },
    },
    '/broken': {
      put: {
        operationId: 'broken',
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { amount: { anyOf: [{ type: 'string' }, { nullable: true }] } } },
            },
          },
        },
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { amount: { anyOf: [{ type: 'number' }, { nullable: true }] } } },
              },
            },
          },
        },
      },
    },
  },
};

describe('a document with a schema that cannot be compiled', () => {
  it("reports it as a problem of the operation's request and answer, and still checks the other operations", async () => {
    const validator = await ContractValidator.fromDocument(structuredClone(document));
    const request = validator.validateRequest({ method: 'PUT', path: '/broken', headers: {}, body: { amount: '1' } });
    expect(request).toEqual([
      expect.objectContaining({
        operationId: 'broken',
        status: 0,
        message: expect.stringMatching(/^the document's request schema cannot be checked: .*nullable/),
      }),
    ]);
    const answer = validator.validate({
      method: 'PUT',
      path: '/broken',
      status: 200,
      body: { amount: 1 },
      contentType: 'application/json',
    });
    expect(answer).toEqual([
      expect.objectContaining({
        operationId: 'broken',
        message: expect.stringMatching(/^the document's response schema cannot be checked: .*nullable/),
      }),
    ]);
    const fine = { method: 'GET', path: '/fine', status: 200, contentType: 'application/json' };
    expect(validator.validate({ ...fine, body: { a: 'x' } })).toEqual([]);
    expect(validator.validate({ ...fine, body: { a: 1 } })).toEqual([
      expect.objectContaining({ operationId: 'fine', message: expect.stringContaining('must be string') }),
    ]);
  });
});

describe('string formats', () => {
  it('checks them (date-time, email, OpenAPI int32), and leaves uri unchecked as the scenario schema decides', async () => {
    const schema = {
      type: 'object',
      properties: {
        at: { type: 'string', format: 'date-time' },
        email: { type: 'string', format: 'email' },
        count: { type: 'integer', format: 'int32' },
        url: { type: 'string', format: 'uri' },
      },
    };
    const validator = await ContractValidator.fromDocument({
      openapi: '3.0.3',
      info: { title: 'formats', version: '1' },
      paths: {
        '/x': {
          get: {
            operationId: 'x',
            responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } },
          },
        },
      },
    });
    const check = (body: unknown) =>
      validator
        .validate({ method: 'GET', path: '/x', status: 200, body, contentType: 'application/json' })
        .map((v) => v.message);
    expect(check({ at: '2026-12-02T21:00:00Z', email: 'a@example.com', count: 3, url: 'www.example.com' })).toEqual([]);
    const problems = check({ at: 'yesterday', email: 'nobody', count: 2 ** 40 });
    expect(problems).toEqual([
      expect.stringMatching(/^\/at must match format "date-time"/),
      expect.stringMatching(/^\/email must match format "email"/),
      expect.stringMatching(/^\/count must match format "int32"/),
    ]);
  });
});
