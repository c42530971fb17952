// Opt-in (--checks auth): unsigned, wrongly signed and stale requests get 401/403 with the error contract.
import { defineConformanceSuite } from './defineConformanceSuite.ts';

defineConformanceSuite('auth');
