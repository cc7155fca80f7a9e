using XenDemoCD.Build.Testing;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Testing;

public sealed class TrxResultsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Trx(string name, string results) =>
        temp.Write(
            name,
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
            {results}
              </Results>
            </TestRun>
            """
        );

    [Fact]
    public void Counts_come_from_every_trx_file_of_the_directory_with_not_executed_as_skipped()
    {
        Trx(
            "a.trx",
            """
            <UnitTestResult testName="A.Passes" outcome="Passed" />
            <UnitTestResult testName="A.Skipped" outcome="NotExecuted">
              <Output><ErrorInfo><Message>needs out/stages/Kernel/vmlinuz</Message></ErrorInfo></Output>
            </UnitTestResult>
            """
        );
        Trx(
            Path.Combine("sub", "b.trx"),
            """
            <UnitTestResult testName="B.Passes" outcome="Passed" />
            <UnitTestResult testName="B.TimesOut" outcome="Timeout" />
            """
        );

        var results = TrxResults.ReadDirectory(temp.Path);

        Assert.Equal((2, 1, 1), (results.Passed, results.Failed, results.Skipped));
        var skip = Assert.Single(results.Skips);
        Assert.Equal("needs out/stages/Kernel/vmlinuz", skip.Message);
        Assert.Equal("B.TimesOut", Assert.Single(results.Failures).Name);
    }

    [Fact]
    public void A_failure_is_read_with_its_message_and_stack_trace()
    {
        var trx = Trx(
            "run.trx",
            """
            <UnitTestResult testName="Tests.Breaks" outcome="Failed">
              <Output>
                <ErrorInfo>
                  <Message>Assert.Equal() Failure
            Expected: 1</Message>
                  <StackTrace>at Tests.Breaks() in Tests.cs:line 9</StackTrace>
                </ErrorInfo>
              </Output>
            </UnitTestResult>
            """
        );

        var failure = Assert.Single(TrxResults.Read([trx]).Failures);

        Assert.Equal("Tests.Breaks", failure.Name);
        Assert.StartsWith("Assert.Equal() Failure", failure.Message);
        Assert.Contains("Tests.cs:line 9", failure.StackTrace);
    }

    [Fact]
    public void A_directory_that_does_not_exist_has_no_results()
    {
        var results = TrxResults.ReadDirectory(temp.Combine("none"));

        Assert.Equal((0, 0, 0), (results.Passed, results.Failed, results.Skipped));
    }

    [Fact]
    public void The_failure_message_names_each_failed_test_with_the_first_line_of_its_message()
    {
        var error = new TestsFailedException(
            [
                new TestResult(
                    "Tests.Breaks",
                    TestOutcome.Failed,
                    "Assert.Equal() Failure\nExpected: 1",
                    ""
                ),
            ],
            new InvalidOperationException("exit code 1")
        );

        Assert.Equal("1 test(s) failed:\n  Tests.Breaks: Assert.Equal() Failure", error.Message);
    }

    [Fact]
    public void A_user_filter_narrows_the_tier_and_never_widens_it()
    {
        Assert.Equal("Category!=Integration", TestTier.Unit.FilterWith(null));
        Assert.Equal(
            "(Category=Integration)&(Name~Rock_Ridge|Name~Joliet)",
            TestTier.Integration.FilterWith("Name~Rock_Ridge|Name~Joliet")
        );
    }
}
