import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../../src/spec/index.ts';
import { lifecycleChecks } from './lifecycleChecks.ts';
import { pageSizeRespected } from './pageSizeRespected.ts';
import { paginationEnds } from './paginationEnds.ts';

describe('page-size-respected', () => {
  it('passes a page no longer than asked (a short or empty page too) and fails a longer one', () => {
    const page = (items: number) => pageSizeRespected({ asked: 2, items, member: 'ProxySessions', page: 1, filter: '' });
    expect([page(0), page(1), page(2)]).toEqual([[], [], []]);
    expect(page(3)).toMatchObject([{ check: 'page-size-respected', path: 'body/ProxySessions', expected: 'at most 2 item(s)', actual: '3 item(s)' }]);
  });
});

describe('pagination-ends', () => {
  it('names the repeated token and both pages', () => {
    const [f] = paginationEnds({ token: 'abc', firstSeenAt: 1, page: 3, member: 'NextToken', filter: ' max-results 1' });
    expect(f).toMatchObject({ check: 'pagination-ends', path: 'body/NextToken', actual: 'abc' });
    expect(f?.message).toMatch(/page 3 .* page 1/);
  });
});

describe('the paging checks in the lifecycle suite', () => {
  it('are required spec invariants', () => {
    const checks = lifecycleChecks(defaultOperation(), { strict: false });
    for (const id of ['page-size-respected', 'pagination-ends']) expect(checks.find((c) => c.id === id)?.strength, id).toBe('required');
  });
});
