import { afterEach, beforeEach } from 'vitest';
import type { Store } from './store.ts';

/**
 * Makes a store for one test. `reopen` opens a second store on the same data (after the first is
 * closed, or beside it), to check what survives; `dispose` removes the data once the test is done.
 */
export interface StoreFactory {
  open(): Promise<Store>;
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export type MakeStoreFactory = () => StoreFactory | Promise<StoreFactory>;

export interface ContractStore {
  /** The store the test is on: the one opened before it, or the one its last `reopen()` opened. */
  readonly store: Store;
  /** Closes the current store and opens the same data again, which becomes `store`. */
  reopen(): Promise<Store>;
  /** Opens the same data again while `store` stays open, as a second server would. */
  openAnother(): Promise<Store>;
}

/**
 * Each test of a contract suite gets a fresh store (seeded if asked) from a fresh factory, and
 * after it every store it opened is closed and the data disposed of.
 */
export function useContractStore(
  makeFactory: MakeStoreFactory,
  options: { seed?: (store: Store) => Promise<void> } = {},
): ContractStore {
  let factory: StoreFactory;
  let current: Store;
  const opened: Store[] = [];

  beforeEach(async () => {
    factory = await makeFactory();
    current = await factory.open();
    opened.push(current);
    await options.seed?.(current);
  });

  afterEach(async () => {
    for (const each of opened.splice(0)) await each.close();
    await factory.dispose();
  });

  async function openAnother(): Promise<Store> {
    const another = await factory.reopen();
    opened.push(another);
    return another;
  }

  // Suites take `store` once, at definition time, before any test has opened one; so it stands
  // for whichever store is current when a test calls it, and tests read as if it were a variable.
  const store = new Proxy({} as Store, {
    get(_, key) {
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });

  return {
    store,
    async reopen() {
      await current.close();
      current = await openAnother();
      return current;
    },
    openAnother,
  };
}
