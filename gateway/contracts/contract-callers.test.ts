import type { Principal } from '../../platform/auth';
import { type ContractCallers, claims, variantForCaller } from './contract-callers';

const publicVariant = { name: 'public', callers: { principals: ['resident', 'anonymous'], scopes: [] } satisfies ContractCallers };
const health = { name: 'health-staff', callers: { principals: ['staff'], scopes: ['health:read'] } satisfies ContractCallers };
const housing = { name: 'housing-staff', callers: { principals: ['staff'], scopes: ['housing:read'] } satisfies ContractCallers };
const allStaff = { name: 'all-staff', callers: { principals: ['staff'], scopes: [] } satisfies ContractCallers };
const byPathOnly: { name: string; callers?: ContractCallers } = { name: 'preview' };

const staff = (...scopes: Array<'health:read' | 'housing:read' | 'residents:read' | 'audit:read'>): Principal => ({ kind: 'staff', subject: 'doctor-ivanova', scopes, purpose: 'test' });

describe('which contract variant /graphql serves a caller', () => {
  const variants = [publicVariant, health, housing, byPathOnly];

  it('serves residents and anonymous callers the variant that names their kind', () => {
    expect(variantForCaller({ kind: 'resident', personId: '1244' }, variants)?.name).toBe('public');
    expect(variantForCaller({ kind: 'anonymous' }, variants)?.name).toBe('public');
  });

  it('serves staff the variant one of whose scopes the token carries', () => {
    expect(variantForCaller(staff('health:read', 'residents:read'), variants)?.name).toBe('health-staff');
    expect(variantForCaller(staff('housing:read'), variants)?.name).toBe('housing-staff');
  });

  it('serves the whole graph to a caller no variant claims, and to one several claim', () => {
    expect(variantForCaller(staff('audit:read'), variants)).toBeUndefined();
    expect(variantForCaller(staff('health:read', 'housing:read'), variants)).toBeUndefined();
    expect(variantForCaller({ kind: 'resident', personId: '1' }, [publicVariant, { ...publicVariant, name: 'portal-2' }])).toBeUndefined();
  });

  it('takes staff with any scope when a variant names no scope, and never serves a variant without callers at /graphql', () => {
    expect(claims(allStaff.callers, staff('audit:read'))).toBe(true);
    expect(claims(allStaff.callers, { kind: 'resident', personId: '1' })).toBe(false);
    expect(variantForCaller(staff('audit:read'), [byPathOnly])).toBeUndefined();
  });
});
