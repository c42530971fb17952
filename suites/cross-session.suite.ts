// Several sessions open at once that share participants: distinct proxy numbers per participant.
import { defineConformanceSuite } from './defineConformanceSuite.ts';

defineConformanceSuite('cross-session');
