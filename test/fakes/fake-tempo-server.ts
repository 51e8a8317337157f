import { bearerOf, playFault, sendJson, startFakeServer, type FakeServer } from './fake-http';

/** Tempo Cloud REST v4 on 127.0.0.1: Bearer API tokens; GET /4/globalconfiguration as the health check. */
export async function startFakeTempo(tokens: readonly string[]): Promise<FakeServer & { revoke(token: string): void }> {
  const valid = new Set(tokens);
  const server = await startFakeServer((request, response) => {
    const token = bearerOf(request);
    if (playFault(token, response)) return;
    if (!valid.has(token)) {
      sendJson(response, 401, { errors: [{ message: 'Unauthorized' }] });
      return;
    }
    if (request.method === 'GET' && request.path === '/4/globalconfiguration') {
      sendJson(response, 200, { weekStart: 'MONDAY', workingDaysPerWeek: 5, maxHoursPerDayPerUser: 24 });
      return;
    }
    sendJson(response, 404, { errors: [{ message: `no fake for ${request.method} ${request.path}` }] });
  });
  return { ...server, revoke: (token) => valid.delete(token) };
}
