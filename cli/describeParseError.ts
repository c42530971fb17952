import { echoed } from '../src/errors.ts';

/**
 * node:util parseArgs' messages span lines and talk about positionals; this says in one line what is
 * wrong with which flag. Shared by every command that parses its own options.
 */
export function describeParseError(error: Error & { code?: string }): string {
  const option = /Option '(?:-\w, )?(-[^' ]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${echoed(/Unknown option '([^']+)'/.exec(error.message)?.[1] ?? '')}`.trimEnd();
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return error.message.includes('does not take an argument') ? `${echoed(option)} does not take a value` : `${echoed(option)} needs a value`;
  }
  return echoed(error.message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, ''), 400);
}
