/**
 * ListProxySessions' NextToken (spec /operations/ListProxySessions/paging): opaque to clients, here the
 * base64url of the sequence number of the last session a page returned. The next page starts after that
 * session, so paging is stable while sessions are added (they come after it) or deleted (they vanish).
 */
export const pageToken = {
  encode(sequence: number): string {
    return Buffer.from(`after:${sequence}`).toString('base64url');
  },
  /** The sequence number a token carries, or undefined when this server did not issue it. */
  decode(token: string): number | undefined {
    const match = /^after:(\d{1,15})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    const sequence = match ? Number(match[1]) : undefined;
    // Canonical form only: base64url decoding skips stray characters, so compare the round trip.
    return sequence !== undefined && pageToken.encode(sequence) === token ? sequence : undefined;
  },
};
