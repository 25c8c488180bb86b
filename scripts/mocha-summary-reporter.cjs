// Mocha reporter: the usual "spec" output, plus the counts written to $MOCHA_SUMMARY for scripts/test.mjs.
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const counts = { passed: 0, failed: 0, skipped: 0 };
    runner.on('pass', () => counts.passed++);
    runner.on('fail', () => counts.failed++);
    runner.on('pending', () => counts.skipped++);
    runner.once('end', () => {
      if (process.env.MOCHA_SUMMARY) writeFileSync(process.env.MOCHA_SUMMARY, JSON.stringify(counts));
    });
  }
}
module.exports = SummaryReporter;
