using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Inputs;

public sealed class DebianSourcePinTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_repository_pin_of_the_hypervisor_source_is_valid()
    {
        var pin = DebianSourcePin.Load(
            Path.Combine(RepositoryRoot.Path, "hypervisor", "source.json")
        );

        Assert.Equal("xen", pin.Package);
        Assert.EndsWith(".dsc", pin.DscFile);
    }

    [Fact]
    public void A_missing_field_is_named_with_what_to_put_there()
    {
        var file = temp.Write(
            "source.json",
            """{ "package": "xen", "suite": "bookworm", "sha256": { "x.dsc": "00" } }"""
        );

        var error = Assert.Throws<InputFileException>(() => DebianSourcePin.Load(file));

        Assert.StartsWith(
            $"{file}: version: the field is missing; set it to the exact Debian version",
            error.Message
        );
    }

    [Fact]
    public void A_malformed_sum_is_named_by_its_file()
    {
        var file = temp.Write(
            "source.json",
            """{ "package": "xen", "version": "1-1", "suite": "bookworm", "sha256": { "xen_1-1.dsc": "abc" } }"""
        );

        var error = Assert.Throws<InputFileException>(() => DebianSourcePin.Load(file));

        Assert.Equal("sha256.xen_1-1.dsc", error.Field);
        Assert.Equal(1, error.Line);
        Assert.Contains("'abc' is not a sha256 sum", error.Message);
    }

    [Fact]
    public void Invalid_json_gives_the_line()
    {
        var file = temp.Write("source.json", "{\n  \"package\": \"xen\",\n  oops\n}");

        var error = Assert.Throws<InputFileException>(() => DebianSourcePin.Load(file));

        Assert.StartsWith($"{file}:3: ", error.Message);
        Assert.Contains("it is not valid JSON", error.Message);
    }
}
