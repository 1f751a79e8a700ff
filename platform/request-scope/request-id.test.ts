import { acceptedRequestId } from './request-id';

describe('request ids taken from outside', () => {
  it('keeps a UUID, lower-cased', () => {
    expect(acceptedRequestId('6F1C2A4E-8B7D-4C3A-9E21-0D5B7A9C3E11')).toBe('6f1c2a4e-8b7d-4c3a-9e21-0d5b7a9c3e11');
    expect(acceptedRequestId('01936f3e-7c2a-7b41-8d3e-5f6a7b8c9d0e')).toBe('01936f3e-7c2a-7b41-8d3e-5f6a7b8c9d0e');
  });

  it.each([
    ['a SNILS', '123-456-789 01'],
    ['a SNILS dressed as an id', 'snils-123-456-789-01'],
    ['a name and a birth date', 'ivanov-ivan-1980-05-12'],
    ['an OMS number', '7700000012447316'],
    ['a UUID with text after it', '6f1c2a4e-8b7d-4c3a-9e21-0d5b7a9c3e11 Иванов'],
    ['a UUID-shaped string of another variant', '6f1c2a4e-8b7d-4c3a-7e21-0d5b7a9c3e11'],
    ['an empty header', ''],
  ])('replaces %s with a minted UUID', (_what, given) => {
    const id = acceptedRequestId(given);
    expect(id).not.toBe(given);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('mints one when none or several are given', () => {
    expect(acceptedRequestId(undefined)).toMatch(/^[0-9a-f-]{36}$/);
    expect(acceptedRequestId(['6f1c2a4e-8b7d-4c3a-9e21-0d5b7a9c3e11', 'x'])).not.toBe('6f1c2a4e-8b7d-4c3a-9e21-0d5b7a9c3e11');
  });
});
