using System.Text;
using XenDemoCD.Build.Qemu;

namespace XenDemoCD.Build.Tests.Boot;

public sealed class ConsoleTextTests
{
    private static readonly byte[] Bytes = Encoding.UTF8.GetBytes(
        "Debian GNU/Linux 13 — \u001b[1;32mxendemo\u001b[0m login: \r\n"
    );

    [Fact]
    public void Text_split_at_every_byte_reads_the_same_as_in_one_piece()
    {
        var whole = new ConsoleText().Append(Bytes);
        for (var split = 1; split < Bytes.Length; split++)
        {
            var console = new ConsoleText();
            var first = console.Append(Bytes.AsSpan(0, split));
            var second = console.Append(Bytes.AsSpan(split));

            Assert.Equal(whole.Printed, first.Printed + second.Printed);
            Assert.Equal(whole.Clean, first.Clean + second.Clean);
        }
        Assert.Equal("Debian GNU/Linux 13 — xendemo login: \n", whole.Clean);
    }

    [Fact]
    public void An_escape_character_that_starts_no_escape_sequence_is_kept()
    {
        var console = new ConsoleText();

        var (_, clean) = console.Append(Encoding.UTF8.GetBytes("a\u001bz b"));

        Assert.Equal("a\u001bz b", clean);
    }
}
