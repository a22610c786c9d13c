import { hash, verify } from '@node-rs/argon2';

/**
 * Staff passwords, hashed with argon2id (the library's default algorithm) at OWASP's minimum
 * cost: 19 MiB, 2 passes, 1 lane. The PHC string carries its parameters, so raising them later
 * still verifies old hashes.
 */
const cost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, cost);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the same time as a real check, for an email with no account, so the answer's timing
 * does not tell whether the email exists. Always false.
 */
export async function verifyAgainstNobody(password: string): Promise<false> {
  await verifyPassword(await prepareDecoy(), password);
  return false;
}

/** Makes the decoy hash ahead of the first sign-in, so even that one takes the usual time. */
export function prepareDecoy(): Promise<string> {
  decoy ??= hashPassword('kinboard: nobody has this password');
  return decoy;
}
