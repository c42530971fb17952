#!/usr/bin/env node
// A testee for `npx conformance client`: the official AWS SDK for JavaScript v3
// (@aws-sdk/client-chime-sdk-voice) as an application uses it, with nothing changed.
// Protocol (docs/clients.md): one case a line on stdin, {"id", "operation", "input", "paginate"?};
// one reply a line on stdout, {"id", "output"} | {"id", "pages"} | {"id", "error": {"name", "status"?, "local"?}}.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const sdk = await import('@aws-sdk/client-chime-sdk-voice');
const { createInterface } = await import('node:readline');

// Endpoint (AWS_ENDPOINT_URL_CHIME_SDK_VOICE), credentials and region come from the environment.
const client = new sdk.ChimeSDKVoiceClient({});

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const { id, operation, input, paginate } = JSON.parse(line);
  let reply;
  try {
    if (paginate) {
      const pages = [];
      for await (const page of sdk[`paginate${operation}`]({ client }, input)) pages.push(outputOf(page));
      reply = { id, pages };
    } else {
      reply = { id, output: outputOf(await client.send(new sdk[`${operation}Command`](input))) };
    }
  } catch (error) {
    // An error with no $metadata never reached the retry layer: the SDK refused the input before sending.
    reply = { id, error: { name: error.name, status: error.$metadata?.httpStatusCode, local: error.$metadata === undefined, message: String(error.message) } };
  }
  // Dates become ISO 8601 strings in JSON.stringify.
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}

/** The operation's output members, without the SDK's own $metadata. */
function outputOf({ $metadata, ...output }) {
  return output;
}
