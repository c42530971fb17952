/** One shard of a run split across machines: `index` of `count` (1-based, as on the command line). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The shard (0-based) that case `k` of family `familyId` belongs to, of `count` shards.
 *
 * The choice: a stable hash of (family id, case index), never of the case's value or of the seed, so
 * - the split is deterministic: every shard of a run computes the same assignment without talking to the
 *   others, and the same seed always gives the same split (it does not even depend on the seed);
 * - every shard generates exactly the cases an unsharded run generates (same family seeds, same
 *   fc.sample) and only filters them: a failure found in a shard has the id and replay line it would
 *   have had unsharded, and replays alone, without --shard;
 * - each family's cases spread over all shards (a slow family does not land on one machine) and
 *   adding or removing a family does not move the cases of the others.
 * The hash is FNV-1a over the UTF-16 code units of `familyId`, a NUL separator and the decimal index,
 * finished with MurmurHash3's fmix32 so that the low bits (what `mod count` keeps) are well mixed.
 */
export function shardOf(familyId: string, k: number, count: number): number {
  const key = `${familyId}\u0000${k}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % count;
}

/** Whether case `k` of `familyId` is this shard's to run (every case is, without a shard). */
export function inShard(familyId: string, k: number, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(familyId, k, shard.count) === shard.index - 1;
}
