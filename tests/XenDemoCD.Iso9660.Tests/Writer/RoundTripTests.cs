using System.Text.RegularExpressions;
using XenDemoCD.Iso9660.Posix;
using XenDemoCD.Iso9660.Tests.Support;
using Xunit.Abstractions;

namespace XenDemoCD.Iso9660.Tests.Writer;

/// <summary>The awkward tree, mastered by us, read back by Debian's independent ISO readers.</summary>
public sealed partial class RoundTripTests(AwkwardImageFixture image, ITestOutputHelper log)
    : IClassFixture<AwkwardImageFixture>
{
    [Fact]
    public void Every_entry_survives_a_round_trip_through_osirrox()
    {
        using var scratch = new TempDirectory();
        var target = scratch["out"];
        DebianTool.Run(
            "osirrox",
            "-osirrox",
            "device_files:o_excl_off",
            "-hardlinks",
            "on",
            "-indev",
            image.IsoPath,
            "-extract",
            "/",
            target
        );
        var root = PosixFileSystem.IsRoot;
        log.WriteLine(
            root
                ? "comparing owners and device nodes (running as root)"
                : "not root: owners and device nodes not compared"
        );
        // osirrox restores devices and fifos but not sockets; sockets are checked through lsdl and bsdtar.
        var problems = ExtractedTreeComparer.Compare(
            image.Tree,
            target,
            owners: root,
            specials: root,
            skip: e => e.Kind == EntryKind.Socket
        );
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Xorriso_lists_every_entry_with_mode_owner_and_symlink_target()
    {
        var output = DebianTool
            .Run("xorriso", "-indev", image.IsoPath, "-find", "/", "-exec", "lsdl", "--")
            .Output;
        var listed = new Dictionary<string, Match>();
        foreach (var line in output.Split('\n'))
        {
            var match = LsdlLine().Match(line);
            if (match.Success)
            {
                listed[match.Groups["path"].Value] = match;
            }
        }
        var problems = new List<string>();
        foreach (var entry in image.Tree.Walk())
        {
            if (!listed.TryGetValue(entry.Path, out var match))
            {
                problems.Add($"{entry.Path}: not listed");
                continue;
            }
            var mode = match.Groups["mode"].Value;
            var expectedMode = ModeString(entry);
            if (mode != expectedMode)
            {
                problems.Add($"{entry.Path}: mode {mode}, expected {expectedMode}");
            }
            if (
                match.Groups["uid"].Value != entry.Metadata.Uid.ToString()
                || match.Groups["gid"].Value != entry.Metadata.Gid.ToString()
            )
            {
                problems.Add(
                    $"{entry.Path}: owner {match.Groups["uid"].Value}:{match.Groups["gid"].Value}"
                );
            }
            if (entry is TreeSymlink link && match.Groups["target"].Value != link.Target)
            {
                problems.Add($"{entry.Path}: target '{match.Groups["target"].Value}'");
            }
            if (
                entry
                    is TreeSpecial
                    {
                        Kind: EntryKind.CharacterDevice or EntryKind.BlockDevice
                    } device
                && match.Groups["size"].Value != $"{device.Major},{device.Minor}"
            )
            {
                problems.Add($"{entry.Path}: device {match.Groups["size"].Value}");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [GeneratedRegex(
        @"^(?<mode>[-dlcbps][-rwxsStT]{9})\s+\d+\s+(?<uid>\d+)\s+(?<gid>\d+)\s+(?<size>\d+(,\d+)?)\s+\w{3}\s+\d+\s+[\d:]+\s+'(?<path>.*?)'(?: -> '(?<target>.*)')?$"
    )]
    private static partial Regex LsdlLine();

    internal static string ModeString(TreeEntry entry)
    {
        var p = entry.Metadata.Permissions;
        var chars = new char[10];
        chars[0] = entry.Kind switch
        {
            EntryKind.Directory => 'd',
            EntryKind.Symlink => 'l',
            EntryKind.CharacterDevice => 'c',
            EntryKind.BlockDevice => 'b',
            EntryKind.Fifo => 'p',
            EntryKind.Socket => 's',
            _ => '-',
        };
        const string rwx = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            chars[i + 1] = (p & (1u << (8 - i))) != 0 ? rwx[i] : '-';
        }
        if ((p & 0x800) != 0)
        {
            chars[3] = chars[3] == 'x' ? 's' : 'S';
        }
        if ((p & 0x400) != 0)
        {
            chars[6] = chars[6] == 'x' ? 's' : 'S';
        }
        if ((p & 0x200) != 0)
        {
            chars[9] = chars[9] == 'x' ? 't' : 'T';
        }
        return new string(chars);
    }

    [Fact]
    public void Bsdtar_reads_names_modes_owners_symlinks_and_hard_links()
    {
        var output = DebianTool.Run("bsdtar", "--numeric-owner", "-tvf", image.IsoPath).Output;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var problems = new List<string>();
        foreach (var entry in image.Tree.Walk())
        {
            var relative = entry.Path.TrimStart('/');
            var line = lines.FirstOrDefault(l =>
                l.EndsWith(" " + relative, StringComparison.Ordinal)
                || l.Contains(" " + relative + " -> ", StringComparison.Ordinal)
                || l.Contains(" " + relative + " link to ", StringComparison.Ordinal)
            );
            if (line is null)
            {
                problems.Add($"{entry.Path}: not listed");
                continue;
            }
            if (!line.StartsWith(ModeString(entry), StringComparison.Ordinal))
            {
                problems.Add($"{entry.Path}: '{line}'");
            }
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (
                fields[2] != entry.Metadata.Uid.ToString()
                || fields[3] != entry.Metadata.Gid.ToString()
            )
            {
                problems.Add($"{entry.Path}: owner in '{line}'");
            }
            // libarchive 3.6 drops the '/' between two SL entries (it does so for xorriso's
            // images too), so a target longer than one SL entry is checked by osirrox and lsdl only.
            if (
                entry is TreeSymlink link
                && link.Target.Length < 200
                && !line.EndsWith(" -> " + link.Target, StringComparison.Ordinal)
            )
            {
                problems.Add($"{entry.Path}: symlink in '{line}'");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        // libarchive reports the second and later names of an inode as hard links to the first.
        Assert.Contains(
            lines,
            l =>
                l.Contains(" link to ", StringComparison.Ordinal)
                && l.Contains("links/", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void Bsdtar_decompresses_zisofs_files_and_joins_their_content()
    {
        using var scratch = new TempDirectory();
        DebianTool.Run(
            "bsdtar",
            "-xf",
            image.IsoPath,
            "-C",
            scratch.Path,
            "data/compressible.bin",
            "plain.txt"
        );
        var expected = (TreeFile)image.Tree.Find("data/compressible.bin")!;
        using var source = expected.Content.OpenRead();
        var bytes = new MemoryStream();
        source.CopyTo(bytes);
        Assert.Equal(bytes.ToArray(), File.ReadAllBytes(scratch["data/compressible.bin"]));
        Assert.Equal("plain\n", File.ReadAllText(scratch["plain.txt"]));
    }

    [Fact]
    public void Isoinfo_finds_rock_ridge_joliet_and_the_volume_id()
    {
        var output = DebianTool.Run("isoinfo", "-d", "-R", "-J", "-i", image.IsoPath).Output;
        Assert.Contains("Volume id: AWKWARD", output);
        Assert.Contains("Joliet with UCS level 3 found", output);
        Assert.Contains("Rock Ridge signatures version 1 found", output);
        var listing = DebianTool.Run("isoinfo", "-R", "-l", "-i", image.IsoPath).Output;
        Assert.Contains("setuid", listing);
        Assert.Contains(AwkwardTree.LongName, listing);
    }

    [Fact]
    public void Isovfy_finds_no_structural_errors()
    {
        var output = DebianTool.Run("isovfy", "-i", image.IsoPath).All;
        log.WriteLine(output);
        Assert.Contains("No errors found", output);
    }

    [Fact]
    public void Xorriso_check_media_reads_every_block_as_good()
    {
        var output = DebianTool.Run("xorriso", "-indev", image.IsoPath, "-check_media", "--").All;
        Assert.Matches(@"Media region :\s+0 ,\s+\d+ , \+ good", output);
        Assert.DoesNotContain("- unreadable", output);
    }

    [Fact]
    public void Seven_zip_lists_the_joliet_tree_with_unique_names_and_no_symlinks()
    {
        var output = DebianTool.Run("7zz", "l", "-slt", image.IsoPath).Output;
        var paths = output
            .Split('\n')
            .Where(l => l.StartsWith("Path = ", StringComparison.Ordinal))
            .Select(l => l[7..])
            .ToList();
        Assert.Contains("plain.txt", paths);
        Assert.Contains("Üñíçødé-日本語.txt", paths);
        Assert.Contains("😀 smile.txt", paths);
        Assert.Contains("Case", paths);
        Assert.Contains("CASE", paths);
        Assert.Equal(paths.Count, paths.Distinct().Count());
        Assert.DoesNotContain("links/relative", paths);
        Assert.Contains(
            paths,
            p =>
                p.StartsWith("level01-", StringComparison.Ordinal)
                && p.EndsWith("bottom.txt", StringComparison.Ordinal)
        );
        Assert.Contains(
            paths,
            p => p.StartsWith("LLLL", StringComparison.Ordinal) && p.Length == 64
        );
    }

    [Fact]
    public void Our_reader_reads_back_every_entry_with_its_metadata()
    {
        using var reader = IsoImage.Open(image.IsoPath);
        Assert.True(reader.HasRockRidge);
        var problems = new List<string>();
        foreach (var entry in image.Tree.Walk())
        {
            var read = reader.Find(entry.Path);
            if (read is null)
            {
                problems.Add($"{entry.Path}: missing");
                continue;
            }
            if (
                read.Kind != entry.Kind
                || read.Permissions != entry.Metadata.Permissions
                || read.Uid != entry.Metadata.Uid
                || read.Gid != entry.Metadata.Gid
            )
            {
                problems.Add(
                    $"{entry.Path}: {read.Kind} {Convert.ToString(read.Permissions, 8)} {read.Uid}:{read.Gid}"
                );
            }
            if (
                read.ModificationTime != entry.Metadata.ModificationTime
                || read.AccessTime != entry.Metadata.AccessTime
                || read.ChangeTime != entry.Metadata.ChangeTime
            )
            {
                problems.Add(
                    $"{entry.Path}: times {read.ModificationTime} {read.AccessTime} {read.ChangeTime}"
                );
            }
            switch (entry)
            {
                case TreeFile file:
                    using (var stream = reader.OpenRead(read))
                    using (var expected = file.Content.OpenRead())
                    {
                        var a = new MemoryStream();
                        var b = new MemoryStream();
                        stream.CopyTo(a);
                        expected.CopyTo(b);
                        if (!a.ToArray().AsSpan().SequenceEqual(b.ToArray()))
                        {
                            problems.Add($"{entry.Path}: content differs");
                        }
                    }
                    break;
                case TreeSymlink link when read.SymlinkTarget != link.Target:
                    problems.Add($"{entry.Path}: target {read.SymlinkTarget}");
                    break;
                case TreeSpecial special
                    when read.DeviceMajor != special.Major || read.DeviceMinor != special.Minor:
                    problems.Add($"{entry.Path}: device {read.DeviceMajor},{read.DeviceMinor}");
                    break;
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var links = new[] { "links/original", "links/second", "other/third" }
            .Select(p => reader.Find(p)!)
            .ToList();
        Assert.All(links, l => Assert.Equal(3u, l.LinkCount));
        Assert.Single(links.Select(l => l.Inode).Distinct());
        Assert.Single(links.Select(l => l.Extents[0].Lba).Distinct());
        Assert.NotNull(reader.Find("data/compressible.bin")!.ZisofsBlockSizeLog2);
    }

    [Fact]
    public void Joliet_view_has_unique_names_of_at_most_64_characters_and_leaves_out_symlinks()
    {
        using var reader = IsoImage.Open(image.IsoPath);
        var entries = reader.Enumerate(IsoView.Joliet).ToList();
        Assert.All(entries, e => Assert.True(e.Name.Length <= 64, e.Path));
        Assert.All(
            entries.GroupBy(e => e.Parent),
            g => Assert.Equal(g.Count(), g.Select(e => e.Name).Distinct().Count())
        );
        Assert.DoesNotContain(entries, e => e.Path == "/links/relative");
        Assert.Contains(entries, e => e.Path == "/Üñíçødé-日本語.txt");
        var plain = reader.Enumerate(IsoView.Plain).ToList();
        Assert.All(
            plain.GroupBy(e => e.Parent),
            g => Assert.Equal(g.Count(), g.Select(e => e.Name).Distinct().Count())
        );
        Assert.All(plain, e => Assert.Matches("^[A-Z0-9_]+(\\.[A-Z0-9_]*)?$", e.Name));
    }

    [Fact]
    public void Same_inputs_give_identical_bytes()
    {
        using var scratch = new TempDirectory();
        var first = AwkwardTree.Write(AwkwardTree.Build(), AwkwardTree.Options(), scratch["1.iso"]);
        var second = AwkwardTree.Write(
            AwkwardTree.Build(),
            AwkwardTree.Options(),
            scratch["2.iso"]
        );
        Assert.Equal(first, second);
        using var reader = IsoImage.Open(scratch["1.iso"]);
        Assert.Equal(AwkwardTree.Epoch, reader.Primary.CreationTime);
        Assert.Equal(AwkwardTree.Epoch, reader.Primary.ModificationTime);
    }
}
