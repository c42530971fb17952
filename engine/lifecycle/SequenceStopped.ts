/**
 * Thrown when a sequence cannot go on without a verdict: a budget the user set is spent (--max-sessions,
 * --max-requests) or the run's deadline passed. Neither says anything about the endpoint.
 */
export class SequenceStopped extends Error {
  constructor(
    readonly reason: 'budget' | 'deadline',
    message: string,
  ) {
    super(message);
    this.name = 'SequenceStopped';
  }
}
