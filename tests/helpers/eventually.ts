/**
 * Retries an assertion until it passes or the time runs out, then throws its last error.
 * Tests poll instead of sleeping, so they are as fast as the system and fail with a reason.
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  timeoutMs = 5_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
