/**
 * The seed of one family: FNV-1a of its id mixed into the run seed, so families are independent, adding
 * a family does not change the cases of the others, and `--seed S --family F` regenerates F exactly.
 */
export function familySeed(runSeed: number, familyId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < familyId.length; i++) {
    hash ^= familyId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash ^ runSeed) | 0;
}
