// Story helpers: a user with a member at a test institution, and polling on the manual clock.
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import type { TestServer } from './server.js';

let users = 0;

export async function newUser(mx: TestServer): Promise<string> {
  const res = await mx.post('/users', { user: { id: `story-user-${++users}` } });
  return res.body.user.guid;
}

export async function credentialsFor(mx: TestServer, institution: string, password: string, login = 'mxuser') {
  if (institution === 'mxbank') {
    return [
      { guid: MXBANK_LOGIN_GUID, value: login },
      { guid: MXBANK_PASSWORD_GUID, value: password },
    ];
  }
  const fields = (await mx.get(`/institutions/${institution}/credentials`)).body.credentials as Array<{
    guid: string;
    field_name: string;
  }>;
  return fields.map((f) => ({
    guid: f.guid,
    value: f.field_name === 'PASSWORD' ? password : f.field_name === 'LOGIN' ? login : '1234',
  }));
}

export async function createMember(
  mx: TestServer,
  password: string,
  institution = 'mxbank',
  extra: Record<string, unknown> = {},
  options: { headers?: Record<string, string> } = {},
) {
  const user = await newUser(mx);
  const credentials = await credentialsFor(mx, institution, password);
  const res = await mx.post(
    `/users/${user}/members`,
    { member: { institution_code: institution, credentials, ...extra } },
    options,
  );
  return {
    user,
    res,
    member: res.body.member?.guid as string,
    path: `/users/${user}/members/${res.body.member?.guid}`,
  };
}

/** Advances the manual clock in steps until the member is no longer aggregating or is CHALLENGED. */
export async function settle(mx: TestServer, path: string, stepMs = 1_000, maxSteps = 60) {
  for (let i = 0; i < maxSteps; i++) {
    const status = (await mx.get(`${path}/status`)).body.member;
    if (!status.is_being_aggregated || status.connection_status === 'CHALLENGED') return status;
    mx.clock.advance(stepMs);
  }
  throw new Error(`member at ${path} still aggregating after ${maxSteps} steps`);
}
