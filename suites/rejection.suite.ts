// Must reject: each case breaks exactly one constraint of the spec (generators/rejectFamilies.ts).
import { defineConformanceSuite } from './defineConformanceSuite.ts';

defineConformanceSuite('rejection');
