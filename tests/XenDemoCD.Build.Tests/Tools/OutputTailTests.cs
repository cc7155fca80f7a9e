using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.Tools;

public sealed class OutputTailTests
{
    [Fact]
    public void An_error_line_read_before_a_long_standard_output_is_still_reported_before_the_tail()
    {
        var tail = new OutputTail(lines: 3, errorLines: 2);
        tail.Add("cc1: error: boom", isError: true);
        foreach (var i in Enumerable.Range(1, 5))
        {
            tail.Add($"line {i}", isError: false);
        }

        Assert.Equal(["cc1: error: boom", "line 3", "line 4", "line 5"], tail.Lines());
    }

    [Fact]
    public void An_error_line_still_in_the_tail_is_reported_once_in_its_place()
    {
        var tail = new OutputTail(lines: 3, errorLines: 2);
        tail.Add("line 1", isError: false);
        tail.Add("line 2", isError: false);
        tail.Add("warning: x", isError: true);
        tail.Add("line 3", isError: false);

        Assert.Equal(["line 2", "warning: x", "line 3"], tail.Lines());
    }

    [Fact]
    public void Only_the_last_error_lines_come_back_when_many_fell_out()
    {
        var tail = new OutputTail(lines: 2, errorLines: 2);
        foreach (var i in Enumerable.Range(1, 4))
        {
            tail.Add($"error {i}", isError: true);
        }
        foreach (var i in Enumerable.Range(1, 3))
        {
            tail.Add($"line {i}", isError: false);
        }

        Assert.Equal(["error 3", "error 4", "line 2", "line 3"], tail.Lines());
    }
}
