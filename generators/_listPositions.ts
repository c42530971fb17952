import type { ListShape, OperationModel } from '../src/spec/index.ts';

/**
 * @internal How many positions of a list a must-reject family breaks an item at: each position its @length
 * allows, but at most the first two. ParticipantPhoneNumberList (@length 2..2) gets both; CountryList
 * (@length 1..100) and TagList (1..50) get two, since a hundred families of one and the same break would
 * say no more than two; a list without a length trait gets two, or one per value of an enum with fewer.
 */
export function listPositions(model: OperationModel, shape: ListShape): number {
  const item = model.shape(shape.member);
  const distinct = item.type === 'enum' ? item.values.length : 2;
  return Math.min(shape.length?.max ?? distinct, 2);
}
