import type { Reporter, TestModule } from 'vitest/node';

/**
 * Collects errors that belong to a describe block rather than to a test: a suite's beforeAll that threw
 * or timed out. Vitest then skips every test of that suite, so RunReportCollector (which reads tests)
 * sees nothing; the CLI needs the reason to say why the suite has no result.
 */
export class SuiteErrorCollector implements Reporter {
  /** First line of the first error of each suite that had one, by suite name (the suite id). */
  readonly errors = new Map<string, string>();

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    for (const module of testModules) {
      for (const suite of module.children.allSuites()) {
        const message = suite.errors()[0]?.message;
        if (message !== undefined && !this.errors.has(suite.name)) this.errors.set(suite.name, message.split('\n')[0]!);
      }
    }
  }
}
