/** The server secret of test servers (sealed values, signed cookies); never used elsewhere. */
export const TEST_SESSION_SECRET = 'test-only-secret-0123456789abcdefghijklmnopqrstuvwxyz';
