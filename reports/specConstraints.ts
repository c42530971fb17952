import type { OperationModel, Shape } from '../src/spec/index.ts';

/**
 * Every constraint of every operation's input: the conformance target's as `<member pointer>#<constraint>`,
 * each other operation's (spec /operations) as `<Operation>:<member pointer>#<constraint>`, the key its
 * families' `covers` use (generators/operationFamilies.ts). Smithy `@required`,
 * `@length`, `@pattern`, `@range` and enum, on URI labels, body members, nested structure members and
 * list items (`*` stands for every list position: `/ParticipantPhoneNumbers/*#pattern`). In the input
 * structure's member order, each member's own constraints before those of what it contains.
 *
 * These are the rows of the HTML report's coverage matrix: each is matched against the `covers` of the
 * case families that ran, so a constraint no case exercised shows up as a gap instead of not at all.
 * `stricterPattern` is left out on purpose: breaking only it is an unspecified case, not a must-reject one.
 */
export function specConstraints(model: OperationModel): string[] {
  const others = Object.keys(model.spec.operations).filter((name) => name !== model.name);
  return [...inputConstraints(model), ...others.flatMap((name) => inputConstraints(model.operation(name)).map((c) => `${name}:${c}`))];
}

// --- internal ---

/** One operation's input constraints, `<member pointer>#<constraint>`. */
function inputConstraints(model: OperationModel): string[] {
  const out: string[] = [];
  const inputName = (model.name === model.spec.operation.name ? model.spec.operation : model.spec.operations[model.name]!).input;
  // Labels and query parameters are members of the input structure too (location), so one walk covers all.
  for (const [name, member] of Object.entries(model.input.members)) {
    const pointer = `/${name}`;
    if (member.required === true) out.push(`${pointer}#required`);
    walk(model, member.target, pointer, out, [inputName]);
  }
  return out;
}

/** Constraints that `shapeName` puts on the value at `pointer`, then on what it contains. */
function walk(model: OperationModel, shapeName: string, pointer: string, out: string[], seen: readonly string[]): void {
  // Smithy allows recursive shapes: a shape met again on the way down still gets its own constraints at
  // this pointer, but what it contains has been listed already one level up, so the walk stops there.
  const recursing = seen.includes(shapeName);
  const shape: Shape = model.shape(shapeName);
  const path = [...seen, shapeName];
  switch (shape.type) {
    case 'string':
      if (shape.length !== undefined) out.push(`${pointer}#length`);
      if (shape.pattern !== undefined) out.push(`${pointer}#pattern`);
      return;
    case 'integer':
      if (shape.range !== undefined) out.push(`${pointer}#range`);
      return;
    case 'enum':
      out.push(`${pointer}#enum`);
      return;
    case 'list':
      if (shape.length !== undefined) out.push(`${pointer}#length`);
      if (!recursing) walk(model, shape.member, `${pointer}/*`, out, path);
      return;
    case 'structure':
      if (recursing) return;
      for (const [name, member] of Object.entries(shape.members)) {
        if (member.required === true) out.push(`${pointer}/${name}#required`);
        walk(model, member.target, `${pointer}/${name}`, out, path);
      }
      return;
    case 'timestamp':
      return;
  }
}
