import type { LifecycleAction } from '../../generators/index.ts';
import { createCommand } from './createCommand.ts';
import { deleteCommand } from './deleteCommand.ts';
import { getCommand } from './getCommand.ts';
import { listInvalidQueryCommand } from './listInvalidQueryCommand.ts';
import { listCommand } from './listCommand.ts';
import type { LifecycleCommand } from './types.ts';
import { unknownSessionCommand } from './unknownSessionCommand.ts';
import { updateCommand } from './updateCommand.ts';
import { updateInvalidCommand } from './updateInvalidCommand.ts';

/** The fast-check command that runs one step of a lifecycle sequence against the endpoint and the model. */
export function lifecycleCommand(action: LifecycleAction): LifecycleCommand {
  switch (action.kind) {
    case 'create':
      return createCommand(action);
    case 'get':
      return getCommand(action);
    case 'list':
      return listCommand(action);
    case 'update':
      return updateCommand(action);
    case 'delete':
      return deleteCommand(action);
    case 'unknown-session':
      return unknownSessionCommand(action);
    case 'update-invalid':
      return updateInvalidCommand(action);
    case 'list-invalid-query':
      return listInvalidQueryCommand(action);
  }
}
