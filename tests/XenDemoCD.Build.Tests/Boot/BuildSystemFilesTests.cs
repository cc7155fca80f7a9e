using XenDemoCD.Build.Cd;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>
/// What the public CD carries as its build system: the files git tracks (or, in an unpacked CD,
/// the files the CD carried), never a key or a .env that merely lies in the checkout.
/// </summary>
public sealed class BuildSystemFilesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task In_a_git_checkout_tracked_files_go_and_an_untracked_key_stays_behind()
    {
        temp.Write("build.sh", "#!/bin/sh\n");
        temp.Write("rootpatch/etc/hostname", "xendemo\n");
        temp.Write(".gitignore", "out/\n");
        await GitAsync("init", "-q");
        await GitAsync("add", "build.sh", "rootpatch", ".gitignore");
        temp.Write("secret.key", "-----BEGIN PRIVATE KEY-----");
        temp.Write("rootpatch/.env", "TOKEN=x");
        temp.Write("out/stages/Kernel/vmlinuz", "an ignored build output");

        var selection = BuildSystemFiles.Select(temp.Path);

        Assert.Equal([".gitignore", "build.sh", "rootpatch/etc/hostname"], selection.Files);
        Assert.Equal(["rootpatch/.env", "secret.key"], selection.LeftOut);
    }

    [Fact]
    public void In_an_unpacked_CD_the_files_the_CD_carried_go_and_an_added_key_stays_behind()
    {
        temp.Write("build.sh", "#!/bin/sh\n");
        temp.Write("rootpatch/etc/hostname", "xendemo\n");
        temp.Write("root/etc/hostname", "the CD's root, not the build system");
        temp.Write("VERSION", "v1\n");
        temp.Write(BuildSystemFiles.RecordName, "build.sh\nrootpatch/etc/hostname\n");
        temp.Write("secret.key", "-----BEGIN PRIVATE KEY-----");

        var selection = BuildSystemFiles.Select(temp.Path);

        Assert.Equal(["build.sh", "rootpatch/etc/hostname"], selection.Files);
        Assert.Equal(["secret.key"], selection.LeftOut);
    }

    private async Task GitAsync(params string[] arguments)
    {
        var (exitCode, output) = await ProcessRun.RunAsync(
            "git",
            ["-c", "user.name=Test", "-c", "user.email=test@invalid", .. arguments],
            temp.Path
        );
        Assert.True(exitCode == 0, output);
    }
}
