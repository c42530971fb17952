import type { OperationModel, Shape } from '../src/spec/index.ts';

/** One way what a client reported differs from what the emulator sent. */
export interface OutputDifference {
  /** JSON pointer into the output. */
  at: string;
  sent: unknown;
  reported: unknown;
  what: string;
}

/** An ISO 8601 date-time with a time zone (Z or ±hh:mm): the protocol's timestamps (docs/clients.md, the protocol). */
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * How the output a testee reported differs from the answer the emulator sent, walked along the output
 * shape (spec /operations/<name>/output): every modelled member the answer carried must be there with its
 * value (nested structures and lists item by item; timestamps as the same instant to the second, since
 * clients keep whole seconds or milliseconds); a member the answer did not carry (or sent as null) must be
 * absent; and no member the shape does not model may appear (clients ignore unknown members).
 */
export function compareOutput(model: OperationModel, output: string | undefined, sentBody: string, reported: unknown): OutputDifference[] {
  let sent: unknown = {};
  if (output !== undefined && sentBody.trim() !== '') {
    try {
      sent = JSON.parse(sentBody);
    } catch {
      return [{ at: '', sent: sentBody.slice(0, 200), reported, what: 'the answer sent was not JSON (an emulator bug)' }];
    }
  }
  if (output === undefined) {
    // Smithy Unit: nothing to read, so nothing may be reported.
    const keys = reported && typeof reported === 'object' && !Array.isArray(reported) ? Object.keys(reported) : ['(not an object)'];
    return keys.length === 0 ? [] : [{ at: '', sent: {}, reported, what: `the operation has no output, yet the client reported ${keys.join(', ')}` }];
  }
  return walk(model, model.shape(output), sent, reported, '');
}

function walk(model: OperationModel, shape: Shape, sent: unknown, reported: unknown, at: string): OutputDifference[] {
  const differ = (what: string): OutputDifference[] => [{ at: at || '/', sent, reported, what }];
  switch (shape.type) {
    case 'structure': {
      if (!isObject(reported)) return differ(`is ${kind(reported)}, not an object`);
      const s = isObject(sent) ? sent : {};
      const out: OutputDifference[] = [];
      for (const [name, member] of Object.entries(shape.members)) {
        const sentValue = s[name];
        const reportedValue = reported[name];
        const here = `${at}/${name}`;
        if (sentValue === undefined || sentValue === null) {
          if (reportedValue !== undefined && reportedValue !== null) out.push({ at: here, sent: sentValue, reported: reportedValue, what: 'was reported, but the answer did not carry it' });
          continue;
        }
        if (reportedValue === undefined || reportedValue === null) {
          out.push({ at: here, sent: sentValue, reported: reportedValue, what: 'is missing: the answer carried it' });
          continue;
        }
        out.push(...walk(model, model.shape(member.target), sentValue, reportedValue, here));
      }
      for (const name of Object.keys(reported)) {
        if (!(name in shape.members) && reported[name] !== undefined) out.push({ at: `${at}/${name}`, sent: s[name], reported: reported[name], what: `is not a member of the output shape${name in s ? ' (an unknown member of the answer, which clients must ignore)' : ''}` });
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(reported)) return differ(`is ${kind(reported)}, not a list`);
      const s = Array.isArray(sent) ? sent : [];
      if (s.length !== reported.length) return differ(`has ${reported.length} items; the answer had ${s.length}`);
      return s.flatMap((item, i) => walk(model, model.shape(shape.member), item, reported[i], `${at}/${i}`));
    }
    case 'timestamp': {
      if (typeof reported !== 'string' || !ZONED_DATE_TIME.test(reported)) return differ('is not an ISO 8601 date-time with a time zone');
      const a = Date.parse(String(sent));
      const b = Date.parse(reported.replace(' ', 'T'));
      return Math.floor(a / 1000) === Math.floor(b / 1000) ? [] : differ(`is ${new Date(b).toISOString()}, not the instant sent (${new Date(a).toISOString()})`);
    }
    default:
      return Object.is(sent, reported) ? [] : differ(`is ${JSON.stringify(reported)}, not ${JSON.stringify(sent)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}
