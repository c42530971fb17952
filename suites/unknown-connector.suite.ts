// A valid body sent to a voice connector that does not exist: 404 NotFoundException (spec /oracle).
import { defineConformanceSuite } from './defineConformanceSuite.ts';

defineConformanceSuite('unknown-connector');
