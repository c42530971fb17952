import { defaultOperation } from '../src/spec/index.ts';
import { suiteGroups } from '../suites/_groups.ts';
import fc from 'fast-check';
const t0 = performance.now();
const model = defaultOperation();
console.log('compile ms', performance.now() - t0);
console.log(model.http, model.cleanup, model.labels, Object.keys(model.bodyMembers));
console.log(JSON.stringify(model.shape(model.bodyMembers.Name!.target)));
for (const g of suiteGroups) { const fams = g.families(model, { voiceConnectorId: 'conformance0reference1' }); console.log(g.id, fams.length, fams.slice(0,50).map(f=>f.id).join(' ')); }
const acc = suiteGroups[0]!.families(model, { voiceConnectorId: 'conformance0reference1' });
console.log(JSON.stringify(fc.sample(acc[0]!.arbitrary, { seed: 1, numRuns: 2 })));
