import type { OperationModel } from '../spec/index.ts';

/** The server side of the restJson1 error contract (spec /errors and /errorContract). */
export interface SerializedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Maps an exception name to the ErrorCode member value its body carries (BadRequestException → BadRequest). */
const codeOf = (name: string) => name.replace(/(Client)?Exception$/, '');

export function serializeError(model: OperationModel, name: string, message: string): SerializedError {
  const error = model.spec.errors[name];
  if (!error) throw new Error(`error ${name} is not in the spec`);
  const codes = model.enumValues(model.spec.errorContract.bodyMembers.Code ?? 'ErrorCode');
  const code = codes.includes(codeOf(name)) ? codeOf(name) : undefined;
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', [model.spec.errorContract.header.toLowerCase()]: name },
    body: JSON.stringify({ ...(code ? { Code: code } : {}), Message: message }),
  };
}
