// Model-valid but undocumented requests: a clean 2xx or a 4xx with the error contract, never a 5xx.
import { defineConformanceSuite } from './defineConformanceSuite.ts';

defineConformanceSuite('unspecified');
