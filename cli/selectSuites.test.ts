import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { familySelection, selectSuites } from './selectSuites.ts';

describe('selectSuites and familySelection: --family as an id or a glob', () => {
  const model = defaultOperation();

  it('a glob selects every suite that holds a matching family', () => {
    expect(selectSuites(model, undefined, 'reject.Name.*')).toEqual(['rejection']);
    expect(selectSuites(model, undefined, '*.Name*')).toEqual(['acceptance', 'rejection']);
    expect(selectSuites(model, undefined, 'lifecycle.*')).toEqual(['lifecycle']);
    // `*` names no suite in particular: the opt-in auth suite still needs naming.
    expect(selectSuites(model, undefined, '*')).not.toContain('auth');
    expect(selectSuites(model, undefined, 'auth.*')).toEqual(['auth']);
    expect(selectSuites(model, ['acceptance', 'rejection'], '*.Name*')).toEqual(['acceptance', 'rejection']);
  });

  it('a --family that matches nothing is a usage error naming near ids, or none when nothing is near', () => {
    expect(() => selectSuites(model, undefined, 'reject.Nmae.*')).toThrow(/^--family "reject\.Nmae\.\*" matches no case family of any suite; near ids: reject\.Name\.[^,]+(, reject\.Name\.[^,]+){4}\. /);
    expect(() => selectSuites(model, undefined, 'accept.Random')).toThrow(/^--family "accept\.Random" is not a case family of any suite; near ids: accept\.random\. /);
    expect(() => selectSuites(model, undefined, 'lifecycle.sequence')).toThrow(/near ids: lifecycle\.sequences\. /);
    expect(() => selectSuites(model, undefined, 'zzz*')).toThrow(/^--family "zzz\*" matches no case family of any suite\. Copy --family/);
    expect(() => selectSuites(model, ['acceptance'], 'reject.Name.*')).toThrow(/matches no case family of suite acceptance/);
  });

  it('lists the families it selected and every other one the run would have run', () => {
    const selection = familySelection(model, undefined, 'reject.Name.*');
    expect(selection.pattern).toBe('reject.Name.*');
    expect(selection.selected.length).toBeGreaterThan(3);
    expect(selection.selected.every((id) => id.startsWith('reject.Name.'))).toBe(true);
    expect(selection.notSelected).toEqual(expect.arrayContaining(['accept.random', 'lifecycle.sequences']));
    expect(selection.notSelected.some((id) => id.startsWith('reject.Name.') || id.startsWith('auth.'))).toBe(false);
    const all = familySelection(model, undefined, '*');
    expect(all.notSelected).toEqual([]);
  });
});
