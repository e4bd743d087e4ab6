import { expect, it } from 'vitest';
import { newId } from '@/lib/shared/model';
import { errorResponseSchema, LIMITS, meResponseSchema } from '@/lib/shared/sync/protocol';
import { makeCompany } from '@/tests/unit/records';
import { revokeToken } from './admin';
import { describeOnEachDriver } from './test-support/databases';
import { fieldsOf, TestClient, testServer, testTeam } from './test-support/test-server';

async function errorOf(response: Response) {
  return errorResponseSchema.passthrough().parse(await response.json());
}

await describeOnEachDriver('HTTP API', 'endpoints', (test) => {
  async function setup(options: Parameters<typeof testServer>[1] = {}) {
    const server = testServer(test.database, options);
    const team = await testTeam(test.database, { Mei: 'rep', Lin: 'manager' });
    return { server, team, mei: new TestClient(server, team.users.Mei) };
  }

  it('reports health without a token', async () => {
    const { server } = await setup();
    const response = await server.app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /v1/me with the user, the team and its members', async () => {
    const { team, mei } = await setup();
    const response = await mei.request('/v1/me');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const me = meResponseSchema.parse(await response.json());
    expect(me.user).toMatchObject({ id: team.users.Mei.id, name: 'Mei', role: 'rep' });
    expect(me.team.id).toBe(team.id);
    expect(me.members.map((member) => [member.name, member.role])).toEqual([
      ['Lin', 'manager'],
      ['Mei', 'rep'],
    ]);
  });

  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic bWVpOnNlY3JldA=='],
    ['an unknown token', 'Bearer dst_thisTokenWasNeverIssued'],
    ['an over-long token', `Bearer ${'a'.repeat(300)}`],
  ])('refuses %s with 401', async (_, authorization) => {
    const { server } = await setup();
    for (const [path, method] of [
      ['/v1/me', 'GET'],
      ['/v1/pull', 'GET'],
      ['/v1/push', 'POST'],
    ] as const) {
      const response = await server.app.request(path, {
        method,
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(response.status, path).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
      expect((await errorOf(response)).error).toBe('unauthorized');
    }
  });

  it('refuses a revoked token at once', async () => {
    const { server, mei } = await setup();
    expect((await mei.request('/v1/me')).status).toBe(200);
    expect(await revokeToken(server.database, mei.user.tokenId)).toBe(true);
    const response = await mei.request('/v1/pull');
    expect(response.status).toBe(401);
    expect((await errorOf(response)).message).toMatch(/revoked/);
  });

  it('refuses a body above the limit before parsing it, whatever Content-Length says', async () => {
    const { mei } = await setup();
    const declared = await mei.request('/v1/push', {
      method: 'POST',
      headers: { 'Content-Length': String(LIMITS.maxRequestBytes + 1) },
      body: '{}',
    });
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).error).toBe('too-large');

    // Streamed with no length: counted as it arrives, refused once past the limit.
    const chunk = new TextEncoder().encode(' '.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent > 20) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await mei.request('/v1/push', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(20);
  });

  it('names what is wrong with a malformed push', async () => {
    const { mei } = await setup();
    const notJson = await mei.request('/v1/push', { method: 'POST', body: '{"clientId":' });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).error).toBe('invalid-json');

    const noClient = await mei.pushRaw({ mutations: [] });
    expect(noClient.status).toBe(400);
    const body = await errorOf(noClient);
    expect(body.error).toBe('invalid-request');
    expect(body.issues?.map((issue) => issue.path)).toEqual(['clientId', 'mutations']);
  });

  it('refuses unknown fields and invalid values with 422, naming each', async () => {
    const { mei } = await setup();
    const id = newId();
    const unknown = await mei.push(
      mei.mutation(mei.changes('deals', id, { title: 'Fine', favouriteColour: 'red' })),
    );
    expect(unknown.status).toBe(422);
    expect(await errorOf(unknown)).toMatchObject({
      error: 'unknown-field',
      issues: [{ path: 'mutations.0.changes.1.field', message: 'deals has no field favouriteColour' }],
    });

    const invalid = await mei.pushRaw({
      clientId: mei.clientId,
      mutations: [
        {
          mutationId: 1,
          changes: [
            ...mei.changes('deals', id, { amount: -5 }),
            ...mei.changes('deals', id, { nextStep: { text: '', dueDate: null } }),
          ],
        },
      ],
    });
    expect(invalid.status).toBe(422);
    expect((await errorOf(invalid)).issues).toEqual([
      { path: 'mutations.0.changes.0.value', message: 'deals.amount must not be negative' },
      { path: 'mutations.0.changes.1.value', message: 'deals.nextStep.text must not be empty' },
    ]);
  });

  it('refuses a value the database cannot hold rather than failing', async () => {
    const { mei } = await setup();
    const response = await mei.push(
      mei.mutation(mei.changes('companies', newId(), { notes: 'before\u0000after' })),
    );
    expect(response.status).toBe(422);
    expect((await errorOf(response)).issues).toEqual([
      {
        path: 'mutations.0.changes.0.value',
        message: 'companies.notes contains a NUL character, which cannot be stored',
      },
    ]);
  });

  it('checks an activity’s fields against its kind', async () => {
    const { mei } = await setup();
    const id = newId();
    const response = await mei.push(
      mei.mutation(mei.changes('activities', id, { kind: 'note', text: 'Hello', durationMinutes: 30 })),
    );
    expect(response.status).toBe(422);
    expect((await errorOf(response)).issues).toEqual([
      { path: 'mutations.0.changes.2.field', message: 'activities has no field durationMinutes' },
    ]);
  });

  it('refuses a pull query out of range', async () => {
    const { mei } = await setup();
    const response = await mei.request(`/v1/pull?limit=${LIMITS.maxPullLimit + 1}`);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues?.[0]?.path).toBe('limit');
  });

  it('limits requests per token with 429 and Retry-After, other tokens unaffected', async () => {
    const { server, team, mei } = await setup({ rateLimit: { burst: 3, perSecond: 0.5 } });
    for (let request = 0; request < 3; request++) expect((await mei.request('/v1/me')).status).toBe(200);
    const limited = await mei.request('/v1/me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('2');
    expect((await errorOf(limited)).error).toBe('rate-limited');
    const lin = new TestClient(server, team.users.Lin);
    expect((await lin.request('/v1/me')).status).toBe(200);
    server.setNow(server.now() + 2000);
    expect((await mei.request('/v1/me')).status).toBe(200);
  });

  it('allows the extension’s origins through CORS, with the Authorization header', async () => {
    const { server } = await setup();
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0f3c8a52-1d4e-4b7a-9c1e-2a5b6c7d8e9f',
    ]) {
      const preflight = await server.app.request('/v1/push', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(preflight.headers.get('Access-Control-Allow-Headers')).toMatch(/Authorization/);
    }
    const foreign = await server.app.request('/v1/me', { headers: { Origin: 'https://mail.example.com' } });
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('answers unknown paths with a JSON 404', async () => {
    const { mei } = await setup();
    const response = await mei.request('/v1/records');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).error).toBe('not-found');
  });

  it('reports a failure without the request’s data', async () => {
    const logged: string[] = [];
    const { mei } = await setup({
      logError: (message) => logged.push(message),
      hooks: {
        beforeCommit: () => {
          throw new Error('failed while writing mei@example.com');
        },
      },
    });
    const company = makeCompany({ name: 'Secret Customer Ltd' });
    const response = await mei.push(mei.mutation(mei.changes('companies', company.id, fieldsOf(company))));
    expect(response.status).toBe(500);
    expect(logged).toEqual(['POST /v1/push failed: Error']);
  });
});
