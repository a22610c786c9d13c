import { testClockRequestSchema } from '@kinboard/shared/protocol/test-clock';
import type { ApiContext } from '../api-context.ts';
import { notFound, ok, Reply } from '../reply.ts';
import { route } from '../router.ts';

/** POST /api/test-clock: only when TEST_CLOCK is on (loopback only); otherwise no such route [CLOCK1]. */
async function advance(context: ApiContext): Promise<Reply> {
  const clock = context.deps.movableClock;
  if (!clock) return notFound('No such API route.');
  const body = context.body(testClockRequestSchema);
  if (body instanceof Reply) return body;
  return ok({ now: clock.advance(body.advanceByMs) });
}

export const testClockRoutes = [route('POST', '/api/test-clock', advance)];
