// Must accept: random valid requests, each enum value, every boundary (generators/acceptFamilies.ts).
import { defineConformanceSuite } from './defineConformanceSuite.ts';

defineConformanceSuite('acceptance');
