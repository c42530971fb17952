import { parentPort } from 'node:worker_threads';
import type { NotSent, TransportFailure, WireResponse } from '../protocol/index.ts';
import { outbox, type FromWorker, type ToWorker } from './_workerMessages.ts';
import { createSdkSender } from './createSdkSender.ts';
import type { SdkSender, WireSend } from './types.ts';

/**
 * The SDK's worker thread (started by createSdkWorker.ts): one ChimeSDKVoiceClient per run, each sending
 * what it signs back to the engine's thread, whose transport puts it on the wire.
 */
const port = parentPort!;
const senders = new Map<number, SdkSender>();
const wires = new Map<number, { resolve(result: WireResponse | TransportFailure | NotSent): void; reject(error: Error): void }>();
let nextWire = 0;

const out = outbox<FromWorker>((batch) => port.postMessage(batch));
const post = (message: FromWorker) => out.post(message);

port.on('message', (batch: ToWorker[]) => {
  for (const message of batch) receive(message);
});

function receive(message: ToWorker): void {
  switch (message.type) {
    case 'open': {
      const { sender } = message;
      const send: WireSend = (request, options) =>
        new Promise<WireResponse | TransportFailure | NotSent>((resolve, reject) => {
          const wire = nextWire++;
          wires.set(wire, { resolve, reject });
          post({ type: 'wire', sender, wire, request, options });
        });
      senders.set(sender, createSdkSender(message.operation, message.settings, send));
      return;
    }
    case 'wired': {
      const pending = wires.get(message.wire);
      wires.delete(message.wire);
      // A send that threw throws in the SDK's request handler too, as it would in the engine's thread.
      if ('error' in message) pending?.reject(new Error(message.error));
      else pending?.resolve(message.result);
      return;
    }
    case 'send': {
      const { call } = message;
      const sender = senders.get(message.sender);
      if (!sender) return post({ type: 'failed', call, message: `no SDK client ${message.sender} in the worker` });
      sender.send(message.step, { timeoutMs: message.timeoutMs }).then(
        (outcome) => post({ type: 'done', call, outcome }),
        (error: unknown) => post({ type: 'failed', call, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
      return;
    }
    case 'close': {
      const sender = senders.get(message.sender);
      senders.delete(message.sender);
      void sender?.destroy();
      return;
    }
  }
}
