using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.SecureBoot;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.SecureBoot;

public sealed class GrubSbatTests : IDisposable
{
    private const string Header =
        "sbat,1,SBAT Version,sbat,1,https://github.com/rhboot/shim/blob/main/SBAT.md\n";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_repositorys_sbat_passes() =>
        GrubSbat.Check(Path.Combine(RepositoryRoot.Path, "grub", "sbat.csv"));

    [Theory]
    [InlineData("grub,7,Free Software Foundation,grub,2.12\n", 2, "5 fields")]
    [InlineData("grub,seven,Free Software Foundation,grub,2.12,url\n", 2, "generation 'seven'")]
    [InlineData("grub,0,Free Software Foundation,grub,2.12,url\n", 2, "generation '0'")]
    [InlineData("Grub,7,Free Software Foundation,grub,2.12,url\n", 2, "not a component name")]
    [InlineData("grub,7,a,b,c,d\ngrub,8,a,b,c,d\n", 3, "comes twice")]
    public void A_malformed_line_is_refused_naming_its_line(string lines, int line, string problem)
    {
        var path = temp.Write("sbat.csv", Header + lines);

        var error = Assert.Throws<InputFileException>(() => GrubSbat.Check(path));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_file_without_sbats_own_line_first_is_refused()
    {
        var path = temp.Write("sbat.csv", "grub,7,a,b,c,d\n");

        var error = Assert.Throws<InputFileException>(() => GrubSbat.Check(path));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void A_file_without_grubs_generation_is_refused()
    {
        var path = temp.Write("sbat.csv", Header + "grub.debian,5,a,b,c,d\n");

        var error = Assert.Throws<InputFileException>(() => GrubSbat.Check(path));

        Assert.Contains("no 'grub' line", error.Message);
    }
}
