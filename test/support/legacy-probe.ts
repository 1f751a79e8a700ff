import { request } from 'undici';
import { DEFAULT_SERVICE_TOKEN, type RunningSimulator } from '../../legacy/kit';

/**
 * Reads what the simulators hold, straight over their own protocols, so end-to-end tests check the
 * graph's answers against the legacy systems rather than against our own adapters.
 */
export class LegacyProbe {
  constructor(private readonly sims: Record<'registry' | 'emias' | 'mesh' | 'housing' | 'parking', RunningSimulator>) {}

  async appointmentIds(omsNumber: string, birthDate: string): Promise<string[]> {
    const body = await this.json<{ result: Array<{ id: number | string }> }>(this.sims.emias, 'POST', '/api/emc/appointment-eip/v1/?getAppointmentReceptionsByPatient', {
      headers: { 'x-access-jwt': DEFAULT_SERVICE_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 'probe', method: 'getAppointmentReceptionsByPatient', params: { omsNumber, birthDate } }),
    });
    return body.result.map((a) => String(a.id));
  }

  async marks(parentId: string, meshIds: string[], from: string, to: string): Promise<Array<{ student_id: number | string; value: string; date: string }>> {
    const query = new URLSearchParams({ student_id: meshIds.join(','), from, to });
    const body = await this.json<{ payload: Array<{ student_id: number | string; value: string; date: string }> }>(this.sims.mesh, 'GET', `/api/family/mobile/v1/marks?${query}`, {
      headers: { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}`, 'x-mes-subsystem': 'familymp', 'profile-id': parentId },
    });
    return body.payload;
  }

  async meters(personId: string): Promise<Array<{ counterId: number; num: string; lastIndication?: { period: string; indication: number } | null }>> {
    const headers = { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}`, 'x-person-id': personId };
    const info = await this.json<{ data: { addresses: Array<{ userPlaceId: number }> } }>(this.sims.housing, 'GET', '/api/profile/user/getInfo/', { headers });
    const ids = info.data.addresses.map((a) => a.userPlaceId).join(',');
    const counters = await this.json<{ data: Array<{ activeCounters: Array<{ counterId: number; num: string; lastIndication?: { period: string; indication: number } | null }> }> }>(
      this.sims.housing,
      'GET',
      `/api/efp/counters/listByPayerCode/?userPlaceIds=${ids}`,
      { headers },
    );
    return counters.data.flatMap((home) => home.activeCounters);
  }

  async parkingBalance(accountId: string): Promise<number> {
    const body = await this.json<{ balance: number }>(this.sims.parking, 'PUT', '/api/2.40/accounts/getbalance', {
      headers: { 'x-auth-token': DEFAULT_SERVICE_TOKEN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ accountId }).toString(),
    });
    return body.balance;
  }

  private async json<T>(sim: RunningSimulator, method: 'GET' | 'POST' | 'PUT', path: string, init: { headers: Record<string, string>; body?: string }): Promise<T> {
    const res = await request(`${sim.url}${path}`, { method, headers: init.headers, body: init.body });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${sim.system} ${method} ${path}: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }
}
