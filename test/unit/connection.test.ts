import { keyedConnection, loaded } from '../../src/common/connection';
import { decodeCursor } from '../../src/common/pagination';

interface Row {
  id: string;
  title: string;
}

/** A loader as DataLoader answers loadMany: an Error for a failed key, null for a row gone. */
function loaderOf(answers: Record<string, Row | Error | null>) {
  const asked: string[][] = [];
  return {
    asked,
    loadMany(ids: string[]) {
      asked.push(ids);
      return Promise.resolve(ids.map((id) => answers[id] ?? null));
    },
  };
}

describe('loaded', () => {
  test('keeps what loaded, in order, and drops errors and missing rows', () => {
    const a = { id: 'a', title: 'A' };
    const c = { id: 'c', title: 'C' };
    expect(loaded([a, new Error('batch failed'), null, undefined, c])).toEqual([a, c]);
  });

  test('an empty answer is an empty list', () => {
    expect(loaded([])).toEqual([]);
  });
});

describe('keyedConnection', () => {
  const a = { id: 'a', title: 'A' };
  const c = { id: 'c', title: 'C' };

  test('loads the page in one batch and makes each edge cursor from its row key', async () => {
    const loader = loaderOf({ a, b: new Error('failed'), c });
    const page = { items: [{ key: 30, id: 'a' }, { key: 20, id: 'b' }, { key: 10, id: 'c' }], hasNextPage: true };
    const connection = await keyedConnection(page, loader, 7);
    expect(loader.asked).toEqual([['a', 'b', 'c']]);
    expect(connection.nodes).toEqual([a, c]);
    expect(connection.edges.map((e) => decodeCursor(e.cursor))).toEqual([{ k: 30, id: 'a' }, { k: 10, id: 'c' }]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: connection.edges[0]!.cursor, endCursor: connection.edges[1]!.cursor });
    expect(connection.totalCount).toBe(7);
  });

  test('a row whose node is gone gets no edge, but the page still says there is more', async () => {
    const connection = await keyedConnection({ items: [{ key: 'x', id: 'gone' }], hasNextPage: true }, loaderOf({}), 1);
    expect(connection.edges).toEqual([]);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(connection.pageInfo.endCursor).toBeNull();
  });

  test('counts only when the total is asked for', async () => {
    let counted = 0;
    const connection = await keyedConnection({ items: [], hasNextPage: false }, loaderOf({}), () => Promise.resolve(++counted));
    expect(counted).toBe(0);
    expect(await connection.totalCount).toBe(1);
  });
});
