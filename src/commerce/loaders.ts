import DataLoader from 'dataloader';
import { commerceRepository, type CommerceRepository } from './repository';
import type { RequestScope } from '../request/scope';
import type { OrderRecord, ProductRecord } from './types';

export function createCommerceLoaders(repo: CommerceRepository) {
  return {
    productById: new DataLoader<string, ProductRecord | null>(async (ids) => {
      const products = new Map((await repo.productsByIds(ids)).map((p) => [p.id, p]));
      return ids.map((id) => products.get(id) ?? null);
    }),
    orderById: new DataLoader<string, OrderRecord | null>(async (ids) => {
      const orders = new Map((await repo.ordersByIds(ids)).map((o) => [o.id, o]));
      return ids.map((id) => orders.get(id) ?? null);
    }),
  };
}

export type CommerceLoaders = ReturnType<typeof createCommerceLoaders>;

/** The request's commerce loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function commerceLoaders(scope: RequestScope): CommerceLoaders {
  return scope.memo('commerce.loaders', () => {
    const repo = commerceRepository(scope);
    return createCommerceLoaders(repo);
  });
}
