export { renderConsole, type ConsoleOptions } from './renderConsole.ts';
export { renderJunit } from './renderJunit.ts';
export { renderJson } from './renderJson.ts';
export { renderHtml } from './renderHtml.ts';
export { specConstraints } from './specConstraints.ts';
export { writeReports } from './writeReports.ts';
export { makeDirectory } from './makeDirectory.ts';
export { finish, type RunHeader } from './finish.ts';
export { openHarFile, type HarFile } from './openHarFile.ts';
