// Preloaded into a CLI child (NODE_OPTIONS=--import) by spawnCli's `measureRss`: writes the process's
// peak resident set size (KB, getrusage) to the file named by CONFORMANCE_TEST_MAXRSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.CONFORMANCE_TEST_MAXRSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
