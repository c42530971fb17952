// Model-based sequences of Create, Get, List, Update and Delete, plus expiry and the advisory probes (spec /lifecycle).
import { defineConformanceSuite } from './defineConformanceSuite.ts';

defineConformanceSuite('lifecycle');
