// Reads the report of `npm test -- --json --outputFile=<file>` and prints the one line CI ends
// with: `N passed, N failed`. Exits non-zero when jest did not succeed, including when a test
// file failed to run at all (those count no failed test, so they are named on the line before).
'use strict';
const fs = require('node:fs');

const file = process.argv[2];
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`jest wrote no report to ${file}: ${error.message}`);
  console.log('0 passed, 0 failed');
  process.exit(1);
}

const brokenSuites = report.numRuntimeErrorTestSuites ?? 0;
if (brokenSuites > 0) {
  console.log(`${brokenSuites} test file(s) failed to run (see jest's output above)`);
}
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed`);
process.exit(report.success && report.numFailedTests === 0 && brokenSuites === 0 ? 0 : 1);
