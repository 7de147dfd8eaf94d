import { DEFAULT_PAGE_SIZE, encodeCursor, MAX_PAGE_SIZE, pageRequest } from '../common/pagination';

/**
 * The page sizes of the referral lists read whole before they are paged (a chain's hops, a
 * cascade's hops, an order's touchpoints): "Default 20, at most 100." The cost limit counts a
 * page without `first` as DEFAULT_PAGE_SIZE, the same number.
 */
export const REFERRAL_LIST_PAGE = { default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE };
export const REFERRAL_LIST_FIRST = `Default ${REFERRAL_LIST_PAGE.default}, at most ${REFERRAL_LIST_PAGE.max}.`;

export interface ListPage<T> {
  /** The items of the page, each with the cursor that names its position. */
  items: { cursor: string; item: T }[];
  hasNextPage: boolean;
}

/**
 * A page of a list its service had to read whole anyway (attribution weighs every touchpoint, a
 * cascade's figures cover every hop), in the list's own order. Each item's key (a hop index, a
 * depth) rises along the list and is unique, so a cursor is a position, not an offset: the page
 * after it starts at the first item with a greater key.
 */
export function pageOfList<T>(
  list: readonly T[],
  position: { keyOf: (item: T, index: number) => number; idOf: (item: T, index: number) => string },
  first: number | null | undefined,
  after: string | null | undefined,
): ListPage<T> {
  const { limit, after: cursor } = pageRequest(first, after, { key: 'number', max: REFERRAL_LIST_PAGE.max });
  const keyed = list.map((item, i) => ({ key: position.keyOf(item, i), id: position.idOf(item, i), item }));
  const rest = cursor ? keyed.filter((k) => k.key > cursor.k) : keyed;
  return {
    items: rest.slice(0, limit).map(({ key, id, item }) => ({ cursor: encodeCursor({ k: key, id }), item })),
    hasNextPage: rest.length > limit,
  };
}
