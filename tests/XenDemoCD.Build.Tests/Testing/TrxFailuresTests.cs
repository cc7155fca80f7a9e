using XenDemoCD.Build.Testing;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Testing;

public sealed class TrxFailuresTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Only_failed_results_are_read_with_their_message_and_stack_trace()
    {
        var trx = temp.Write(
            "run.trx",
            """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testName="Tests.Passes" outcome="Passed" />
                <UnitTestResult testName="Tests.Breaks" outcome="Failed">
                  <Output>
                    <ErrorInfo>
                      <Message>Assert.Equal() Failure
            Expected: 1</Message>
                      <StackTrace>at Tests.Breaks() in Tests.cs:line 9</StackTrace>
                    </ErrorInfo>
                  </Output>
                </UnitTestResult>
                <UnitTestResult testName="Tests.Skipped" outcome="NotExecuted" />
              </Results>
            </TestRun>
            """
        );

        var failure = Assert.Single(TrxFailures.Read([trx]));

        Assert.Equal("Tests.Breaks", failure.Name);
        Assert.StartsWith("Assert.Equal() Failure", failure.Message);
        Assert.Contains("Tests.cs:line 9", failure.StackTrace);
    }

    [Fact]
    public void The_failure_message_names_each_failed_test_with_the_first_line_of_its_message()
    {
        var error = new TestsFailedException(
            [new FailedTest("Tests.Breaks", "Assert.Equal() Failure\nExpected: 1", "")],
            new InvalidOperationException("exit code 1")
        );

        Assert.Equal("1 test(s) failed:\n  Tests.Breaks: Assert.Equal() Failure", error.Message);
    }
}
