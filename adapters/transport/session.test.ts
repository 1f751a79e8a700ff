import { RenewingSession, type SessionCarriers, SessionRefusedError } from './session';

/** A system that accepts only the carriers it issued last, and counts its sign-ins. */
function system() {
  let issued = 0;
  const seen: (SessionCarriers | undefined)[] = [];
  return {
    get signIns() {
      return issued;
    },
    refusedSeen: seen,
    obtain: async (refused: SessionCarriers | undefined): Promise<SessionCarriers> => {
      seen.push(refused);
      await Promise.resolve();
      issued += 1;
      return { cookie: `s=${issued}` };
    },
    call: (current: () => number) => async (carriers: SessionCarriers) => {
      if (carriers.cookie !== `s=${current()}`) throw new SessionRefusedError('toy', 'GET /x', 401);
      return carriers.cookie;
    },
  };
}

describe('a renewing session', () => {
  it('signs in once for every call that finds no session', async () => {
    const toy = system();
    const session = new RenewingSession(toy.obtain);
    const answers = await Promise.all([1, 2, 3].map(() => session.run(toy.call(() => toy.signIns))));
    expect(answers).toEqual(['s=1', 's=1', 's=1']);
    expect(toy.refusedSeen).toEqual([undefined]);
  });

  it('renews a refused session once, however many calls it failed, and sends each again once', async () => {
    const toy = system();
    const session = new RenewingSession(toy.obtain);
    await session.open();
    let accepted = 1;
    const call = toy.call(() => accepted);
    // The system ends session 1: it now accepts only the one the next sign-in gives.
    accepted = 2;
    await expect(Promise.all([session.run(call), session.run(call)])).resolves.toEqual(['s=2', 's=2']);
    expect(toy.signIns).toBe(2);
    expect(toy.refusedSeen).toEqual([undefined, { cookie: 's=1' }]);
  });

  it('leaves a second refusal to the caller', async () => {
    const toy = system();
    const session = new RenewingSession(toy.obtain);
    const refuseAll = async () => {
      throw new SessionRefusedError('toy', 'GET /x', 403);
    };
    await expect(session.run(refuseAll)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', status: 403 });
    expect(toy.signIns).toBe(2);
  });

  it('starts from carriers issued ahead, without signing in, and keeps them until a renewal succeeds', async () => {
    let fail = true;
    const obtain = jest.fn(async (refused: SessionCarriers | undefined) => {
      if (fail) throw new Error('refresh failed');
      return { token: `${refused?.token}+` };
    });
    const session = new RenewingSession(obtain, { token: 't' });
    await session.prime();
    expect(obtain).not.toHaveBeenCalled();
    const refuseOld = async (c: SessionCarriers) => {
      if (c.token === 't') throw new SessionRefusedError('toy', 'GET /x');
      return c.token;
    };
    await expect(session.run(refuseOld)).rejects.toThrow('refresh failed');
    fail = false;
    await expect(session.run(refuseOld)).resolves.toBe('t+');
    expect(obtain.mock.calls.map(([refused]) => refused)).toEqual([{ token: 't' }, { token: 't' }]);
  });

  it('passes any other failure through without a new sign-in; open says why it could not sign in, prime does not', async () => {
    const toy = system();
    const session = new RenewingSession(toy.obtain);
    await expect(
      session.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(toy.signIns).toBe(1);
    const broken = new RenewingSession(async () => {
      throw new Error('no sign-on');
    });
    await expect(broken.open()).rejects.toThrow('no sign-on');
    await expect(broken.prime()).resolves.toBeUndefined();
  });
});
