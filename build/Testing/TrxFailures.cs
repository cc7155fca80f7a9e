using System.Xml.Linq;

namespace XenDemoCD.Build.Testing;

/// <summary>One failed test as a Visual Studio test results (.trx) file records it.</summary>
public sealed record FailedTest(string Name, string Message, string StackTrace);

/// <summary>
/// Reads the failed tests out of .trx files, so a failing test run names its failures at the
/// end of the build's output instead of leaving them somewhere in thousands of lines above.
/// </summary>
public static class TrxFailures
{
    private static readonly XNamespace Trx =
        "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static IReadOnlyList<FailedTest> Read(IEnumerable<string> trxFiles) =>
        trxFiles
            .SelectMany(file => XDocument.Load(file).Descendants(Trx + "UnitTestResult"))
            .Where(result => (string?)result.Attribute("outcome") == "Failed")
            .Select(result =>
            {
                var error = result.Element(Trx + "Output")?.Element(Trx + "ErrorInfo");
                return new FailedTest(
                    (string?)result.Attribute("testName") ?? "(unnamed test)",
                    ((string?)error?.Element(Trx + "Message") ?? "").Trim(),
                    ((string?)error?.Element(Trx + "StackTrace") ?? "").Trim()
                );
            })
            .ToList();
}
