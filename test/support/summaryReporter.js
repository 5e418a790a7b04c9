/**
 * Ends a jest run with one plain line, "N passed, N failed, N skipped", that CI tools read
 * regardless of the test runner.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const skipped = numPendingTests + numTodoTests;
    process.stderr.write(
      `\n${numPassedTests} passed, ${numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}

module.exports = SummaryReporter;
