using XenDemoCD.Iso9660.Posix;
using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Writer.Matrix;

/// <summary>
/// Every pair of writer options (Joliet, hidden boot files, file-time policy, zisofs and its
/// block size, GPT), each image read back by our reader and by osirrox and compared entry by
/// entry with what was mastered.
/// </summary>
public sealed class OptionMatrixTests
{
    public static TheoryData<WriterCase> Cases => [.. WriterCase.AllPairs()];

    [Fact]
    public void The_cases_cover_every_pair_of_option_values()
    {
        var cases = WriterCase.AllPairs().ToList();
        var dimensions = new Func<WriterCase, object?>[]
        {
            c => c.FileTimes,
            c => c.ZisofsBlockLog2,
            c => c.Joliet,
            c => c.HideBootFiles,
            c => c.Gpt,
        };
        var values = new[]
        {
            WriterCase.TimePolicies.Cast<object?>().ToArray(),
            WriterCase.ZisofsChoices.Cast<object?>().ToArray(),
            [false, true],
            [false, true],
            [false, true],
        };
        var missing = new List<string>();
        for (var i = 0; i < dimensions.Length; i++)
        {
            for (var j = i + 1; j < dimensions.Length; j++)
            {
                foreach (var x in values[i])
                {
                    foreach (var y in values[j])
                    {
                        if (
                            !cases.Any(c =>
                                Equals(dimensions[i](c), x) && Equals(dimensions[j](c), y)
                            )
                        )
                        {
                            missing.Add($"option {i}={x} with option {j}={y}");
                        }
                    }
                }
            }
        }
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_entry_reads_back_the_same_through_our_reader_and_osirrox(WriterCase @case)
    {
        using var scratch = new TempDirectory();
        var tree = MatrixTree.Build(@case);
        var iso = scratch["matrix.iso"];
        IsoWriter.WriteFile(tree, MatrixTree.Options(@case), iso);
        var expected = MatrixTree.Expected(tree, @case);

        using (var image = IsoImage.Open(iso))
        {
            Assert.Equal(@case.Joliet, image.Joliet is not null);
            Assert.Equal(@case.Gpt, image.SystemArea.Gpt.Count > 0);
            Assert.Equal(2, image.BootEntries.Count);
            AssertSame(expected, ReadByOurReader(image), "our reader");
        }

        var extracted = scratch["osirrox"];
        DebianTool.Run("osirrox", "-hardlinks", "on", "-indev", iso, "-extract", "/", extracted);
        AssertSame(expected, ReadFromDisk(extracted), "osirrox");
    }

    private static SortedDictionary<string, ExpectedEntry> ReadByOurReader(IsoImage image)
    {
        var seen = new SortedDictionary<string, ExpectedEntry>(StringComparer.Ordinal);
        foreach (var entry in image.Enumerate())
        {
            seen[entry.Path.TrimStart('/')] = new ExpectedEntry(
                entry.Kind,
                entry.Permissions,
                entry.SymlinkTarget,
                entry.Kind == EntryKind.File ? MatrixTree.Sha256(image.OpenRead(entry)) : null,
                entry.ModificationTime,
                entry.Kind == EntryKind.File ? entry.Inode : 0
            );
        }
        return seen;
    }

    private static SortedDictionary<string, ExpectedEntry> ReadFromDisk(string root)
    {
        var seen = new SortedDictionary<string, ExpectedEntry>(StringComparer.Ordinal);
        foreach (
            var path in Directory.EnumerateFileSystemEntries(
                root,
                "*",
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }
            )
        )
        {
            var stat = PosixFileSystem.LStat(path);
            var kind = PosixModeBits.KindOf(stat.Mode) ?? throw new IOException(path);
            seen[Path.GetRelativePath(root, path)] = new ExpectedEntry(
                kind,
                stat.Mode & PosixModeBits.PermissionMask,
                kind == EntryKind.Symlink ? new FileInfo(path).LinkTarget : null,
                kind == EntryKind.File ? MatrixTree.Sha256(File.OpenRead(path)) : null,
                DateTimeOffset.FromUnixTimeSeconds(stat.ModificationTime),
                kind == EntryKind.File ? stat.Inode : 0
            );
        }
        return seen;
    }

    private static void AssertSame(
        SortedDictionary<string, ExpectedEntry> expected,
        SortedDictionary<string, ExpectedEntry> actual,
        string reader
    )
    {
        var problems = new List<string>();
        foreach (var path in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            if (!actual.TryGetValue(path, out var seen))
            {
                problems.Add($"{path}: missing");
                continue;
            }
            if (!expected.TryGetValue(path, out var wanted))
            {
                problems.Add($"{path}: not in the tree ({seen})");
                continue;
            }
            // Symlink permissions and times are not restored by extractors (lchmod does not exist).
            var comparable =
                seen.Kind == EntryKind.Symlink && reader == "osirrox"
                    ? seen with
                    {
                        Permissions = wanted.Permissions,
                        ModificationTime = wanted.ModificationTime,
                    }
                    : seen;
            if (
                comparable with
                {
                    Inode = 0,
                    Sha256 = wanted.Sha256 is null ? null : seen.Sha256,
                } != wanted
            )
            {
                problems.Add($"{path}: {seen}, expected {wanted}");
            }
        }
        // Hard links: the two names share one inode; no other file shares it.
        var original = actual.GetValueOrDefault("links/original");
        var hard = actual.GetValueOrDefault("links/hard");
        if (original is null || hard is null || original.Inode != hard.Inode)
        {
            problems.Add($"links/hard is not a hard link of links/original");
        }
        var shared = actual
            .Where(p => p.Value.Inode != 0 && p.Value.Inode == original?.Inode)
            .Select(p => p.Key)
            .ToList();
        if (shared.Count != 2)
        {
            problems.Add($"inode of links/original shared by {string.Join(", ", shared)}");
        }
        Assert.True(problems.Count == 0, $"{reader}:\n" + string.Join('\n', problems));
    }
}
