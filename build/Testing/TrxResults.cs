using System.Xml.Linq;

namespace XenDemoCD.Build.Testing;

/// <summary>One test as a Visual Studio test results (.trx) file records it.</summary>
public sealed record TestResult(
    string Name,
    TestOutcome Outcome,
    string Message,
    string StackTrace
);

public enum TestOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>
/// The results of a test run, read from the .trx files the runner wrote: the counts the run's
/// closing line adds up, each failure with its message and stack trace, and each skipped test with
/// its reason. The runner's console is for people; its format is not a contract, the TRX is.
/// </summary>
public sealed class TrxResults
{
    private static readonly XNamespace Trx =
        "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public IReadOnlyList<TestResult> Results { get; }

    private TrxResults(IReadOnlyList<TestResult> results) => Results = results;

    public int Passed => Count(TestOutcome.Passed);
    public int Failed => Count(TestOutcome.Failed);
    public int Skipped => Count(TestOutcome.Skipped);

    public IEnumerable<TestResult> Failures => Results.Where(r => r.Outcome == TestOutcome.Failed);
    public IEnumerable<TestResult> Skips => Results.Where(r => r.Outcome == TestOutcome.Skipped);

    public static TrxResults Read(IEnumerable<string> trxFiles) =>
        new([
            .. trxFiles
                .Order(StringComparer.Ordinal)
                .SelectMany(file => XDocument.Load(file).Descendants(Trx + "UnitTestResult"))
                .Select(Result),
        ]);

    /// <summary>Every .trx file under <paramref name="directory"/> (none when it does not exist).</summary>
    public static TrxResults ReadDirectory(string directory) =>
        Read(
            Directory.Exists(directory)
                ? Directory.GetFiles(directory, "*.trx", SearchOption.AllDirectories)
                : []
        );

    private int Count(TestOutcome outcome) => Results.Count(r => r.Outcome == outcome);

    private static TestResult Result(XElement result)
    {
        var error = result.Element(Trx + "Output")?.Element(Trx + "ErrorInfo");
        // xunit writes a skipped test as NotExecuted; anything but Passed and NotExecuted
        // (Failed, Error, Timeout, Aborted) is a failure.
        var outcome = (string?)result.Attribute("outcome") switch
        {
            "Passed" => TestOutcome.Passed,
            "NotExecuted" => TestOutcome.Skipped,
            _ => TestOutcome.Failed,
        };
        return new TestResult(
            (string?)result.Attribute("testName") ?? "(unnamed test)",
            outcome,
            ((string?)error?.Element(Trx + "Message") ?? "").Trim(),
            ((string?)error?.Element(Trx + "StackTrace") ?? "").Trim()
        );
    }
}
