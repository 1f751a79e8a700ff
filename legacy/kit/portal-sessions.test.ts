import { PORTAL_SESSION_TTL_MS, PortalSessions } from './portal-sessions';

describe('PortalSessions', () => {
  const start = new Date('2026-11-21T12:00:00+03:00');
  const later = (ms: number): Date => new Date(start.getTime() + ms);

  it('keeps a session while it is used, and ends it after its idle time', () => {
    const sessions = new PortalSessions();
    const token = sessions.open({ kind: 'resident', personId: 1244 }, start);
    expect(sessions.touch(token, later(PORTAL_SESSION_TTL_MS - 1))).toEqual({ kind: 'resident', personId: 1244 });
    // Use slides the end: twice the idle time after opening, it is still alive.
    expect(sessions.touch(token, later(2 * PORTAL_SESSION_TTL_MS - 2))).toEqual({ kind: 'resident', personId: 1244 });
    expect(sessions.touch(token, later(4 * PORTAL_SESSION_TTL_MS))).toBeUndefined();
    // Once ended, it stays ended even if the clock goes back.
    expect(sessions.touch(token, start)).toBeUndefined();
  });

  it('gives every sign-in its own unguessable value, and knows no value it did not give', () => {
    const sessions = new PortalSessions();
    const a = sessions.open({ kind: 'integration' }, start);
    const b = sessions.open({ kind: 'integration' }, start);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(sessions.touch(a, start)).toEqual({ kind: 'integration' });
    expect(sessions.touch('forged', start)).toBeUndefined();
  });
});
