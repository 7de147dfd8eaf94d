import { AppError } from '../../src/common/errors';
import { isSelfOrStaff, isStaff, requireAdmin, requireRole, requireSelfOrStaff, requireStaff } from '../../src/common/roles';

const user = { id: 'u1', role: 'USER' };
const merchant = { id: 'm1', role: 'MERCHANT' };
const growth = { id: 'g1', role: 'GROWTH' };
const admin = { id: 'a1', role: 'ADMIN' };

function errorOf(check: () => void): AppError {
  try {
    check();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the check to refuse');
}

describe('staff', () => {
  test('growth staff and admins are staff; users and merchants are not', () => {
    expect([user, merchant, growth, admin].map(isStaff)).toEqual([false, false, true, true]);
  });

  test('requireStaff refuses non-staff as FORBIDDEN, with the message the caller names', () => {
    const error = errorOf(() => requireStaff(merchant, 'Only growth staff and admins can see this'));
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toBe('Only growth staff and admins can see this');
    expect(() => requireStaff(growth)).not.toThrow();
    expect(() => requireStaff(admin)).not.toThrow();
  });

  test('requireAdmin lets only admins through', () => {
    expect(errorOf(() => requireAdmin(growth)).extensions.code).toBe('FORBIDDEN');
    expect(() => requireAdmin(admin)).not.toThrow();
  });
});

describe('requireRole', () => {
  test('lets through exactly the roles named', () => {
    expect(() => requireRole(merchant, ['MERCHANT', 'ADMIN'], 'Merchants only')).not.toThrow();
    expect(() => requireRole(admin, ['MERCHANT', 'ADMIN'], 'Merchants only')).not.toThrow();
    const error = errorOf(() => requireRole(user, ['MERCHANT', 'ADMIN'], 'Merchants only'));
    expect([error.extensions.code, error.message]).toEqual(['FORBIDDEN', 'Merchants only']);
  });
});

describe('self or staff', () => {
  test('a user may see their own data but not another user\'s', () => {
    expect(isSelfOrStaff(user, 'u1')).toBe(true);
    expect(isSelfOrStaff(user, 'u2')).toBe(false);
    expect(isSelfOrStaff(merchant, 'u1')).toBe(false);
  });

  test('staff may see anyone\'s', () => {
    expect(isSelfOrStaff(growth, 'u1')).toBe(true);
    expect(isSelfOrStaff(admin, 'u1')).toBe(true);
  });

  test('data owned by no one is for staff only', () => {
    expect(isSelfOrStaff(user, null)).toBe(false);
    expect(isSelfOrStaff(growth, null)).toBe(true);
  });

  test('requireSelfOrStaff refuses someone else\'s data as FORBIDDEN with the caller\'s message', () => {
    const error = errorOf(() => requireSelfOrStaff(user, 'u2', "Only growth staff see other people's invite chains"));
    expect([error.extensions.code, error.message]).toEqual(['FORBIDDEN', "Only growth staff see other people's invite chains"]);
    expect(() => requireSelfOrStaff(user, 'u1', 'x')).not.toThrow();
    expect(() => requireSelfOrStaff(growth, 'u1', 'x')).not.toThrow();
  });
});
