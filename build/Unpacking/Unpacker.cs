using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Unpacking;

/// <summary>What an unpack produced, for the log and the tests.</summary>
public sealed record UnpackResult(
    string Source,
    bool Exact,
    int RootEntries,
    int BuildSystemFiles,
    int PrebuiltEntries,
    int SourceArchives,
    IReadOnlySet<string> NotOnDisk,
    bool OwnersRestored,
    CdBuildSettings? Settings
);

/// <summary>
/// Unpacks a XenDemoCD into a build directory (README.CD, "Building your own version"): the
/// build system at its top, <c>root/</c> (root.tar.gz merged with the CD's /usr, exactly as the
/// running system sees it) with <c>root.metadata</c>, <c>prebuilt/</c> (kernel, modules, Xen,
/// initrd), a --with-sources CD's archives in <c>cache/downloads/</c>
/// and the CD's <c>VERSION</c>, <c>Builder</c> and <c>build-settings.json</c>. Every
/// entry is checked before the first byte is written, so a hostile CD leaves nothing behind;
/// everything is written beside the build directory first, so a failed unpack leaves nothing either.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class Unpacker
{
    public const string RootDirectory = UnpackedLayout.RootDirectory;
    public const string PrebuiltDirectory = UnpackedLayout.PrebuiltDirectory;
    public const string RootArchive = "XenDemoCD/root.tar.gz";
    public static readonly string[] RecordFiles = ["VERSION", "Builder", CdBuildSettings.FileName];

    /// <summary>
    /// Unpacks <paramref name="iso"/> into <paramref name="into"/> by way of a temporary directory
    /// beside it (<see cref="UnpackStaging"/>): on any failure or <paramref name="cancellation"/>
    /// (Ctrl+C) --into stays as it was (absent or empty) and the partial unpack is removed.
    /// </summary>
    public static UnpackResult Unpack(
        string iso,
        string into,
        bool? restoreOwners = null,
        CancellationToken cancellation = default
    )
    {
        var owners = restoreOwners ?? UnixCalls.IsRoot;
        using var staging = UnpackStaging.Begin(into);
        CdSource? cd = null;
        try
        {
            cd = CdSource.Open(iso);
            var result = UnpackInto(cd, staging.Path, owners, cancellation);
            staging.Commit();
            return result;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new UnpackInterruptedException(cd?.Description ?? iso, staging.Abandon());
        }
        catch (Exception e)
            when (e
                    is IOException
                        or InvalidDataException
                        or UnauthorizedAccessException
                        or IsoFormatException
                && e is not IExpectedFailure
            )
        {
            // A truncated or unreadable CD, a full disk: the user's to fix, so no stack trace.
            throw new UnpackFailedException(cd?.Description ?? iso, e, staging.Abandon());
        }
        finally
        {
            cd?.Dispose();
        }
    }

    private static UnpackResult UnpackInto(
        CdSource cd,
        string target,
        bool owners,
        CancellationToken cancellation
    )
    {
        Log.Information("Reading {Source}: {Count:N0} entries", cd.Description, cd.Tree.Count);
        var archive = cd.Tree[RootArchive] is { Kind: NodeKind.File } node
            ? node
            : throw new UnpackException(
                cd.Description,
                "/" + RootArchive,
                "is missing: this is not a XenDemoCD (or not a whole one)"
            );
        var settings = cd.Tree["XenDemoCD/" + CdBuildSettings.FileName] is { Content: { } record }
            ? CdBuildSettings.Parse(ReadText(record), "/XenDemoCD/" + CdBuildSettings.FileName)
            : null;

        var build = new RootTree();
        var prebuilt = new RootTree();
        var usr = new RootTree();
        var sources = new RootTree();
        foreach (var entry in cd.Tree.Nodes)
        {
            UnpackSafety.CheckName(cd.Description, entry.Path);
            var (part, path) = CdSplit.Classify(entry.Path, settings?.KernelRelease);
            var tree = part switch
            {
                CdPart.BuildSystem => build,
                CdPart.Prebuilt => prebuilt,
                CdPart.Usr => usr,
                CdPart.Sources => sources,
                _ => null,
            };
            if (tree is null || path.Length == 0)
            {
                continue;
            }
            var linkTarget =
                entry.Kind == NodeKind.HardLink
                    ? CdSplit.Classify(entry.LinkTarget!, settings?.KernelRelease)
                    : default;
            if (entry.Kind == NodeKind.HardLink && linkTarget.Part != part)
            {
                throw new UnpackException(
                    cd.Description,
                    "/" + entry.Path,
                    $"is a hard link to '/{entry.LinkTarget}' in another part of the CD"
                );
            }
            tree.Set(
                entry with
                {
                    Path = path,
                    LinkTarget =
                        entry.Kind == NodeKind.HardLink ? linkTarget.Path : entry.LinkTarget,
                }
            );
        }
        UnpackSafety.CheckTree(
            cd.Description + " /XenDemoCD/build",
            build,
            chroot: false,
            ["rootpatch", "irtree"]
        );
        UnpackSafety.CheckTree(
            cd.Description + " (kernel, modules, Xen, initrd)",
            prebuilt,
            chroot: false
        );
        UnpackSafety.CheckTree(
            cd.Description + " /usr/" + CdSplit.SourcesDownloads,
            sources,
            chroot: false
        );

        var work = Path.Combine(target, ".unpack-work");
        try
        {
            Directory.CreateDirectory(work);
            var tar = Path.Combine(work, "root.tar");
            using (var input = archive.Content!.Open())
            using (var gzip = new GZipStream(input, CompressionMode.Decompress))
            using (var output = File.Create(tar))
            {
                StreamCopy.Copy(gzip, output, cancellation);
            }
            CheckArchiveNames(tar, cd.Description + " /" + RootArchive);
            var root = RootTarReader.Read(tar);
            cancellation.ThrowIfCancellationRequested();
            var merged = Merge(root, usr, cd.Description);
            UnpackSafety.CheckTree(cd.Description + " root.tar.gz + /usr", merged, chroot: true);

            // Everything is checked: now write.
            DiskTreeWriter.Write(build.Nodes, target, restoreOwners: false, cancellation);
            // What the CD carried is the build system; files added later stay off a rebuilt CD.
            File.WriteAllText(
                Path.Combine(target, Cd.BuildSystemFiles.RecordName),
                string.Concat(
                    build
                        .Nodes.Where(n => n.Kind != NodeKind.Directory)
                        .Select(n => n.Path + "\n")
                        .Order(StringComparer.Ordinal)
                )
            );
            foreach (var name in RecordFiles)
            {
                if (cd.Tree["XenDemoCD/" + name] is { Content: { } content })
                {
                    File.WriteAllText(Path.Combine(target, name), ReadText(content));
                }
            }
            var prebuiltDirectory = Path.Combine(target, PrebuiltDirectory);
            DiskTreeWriter.Write(
                prebuilt.Nodes,
                prebuiltDirectory,
                restoreOwners: false,
                cancellation
            );
            if (settings?.KernelRelease is { } release)
            {
                File.WriteAllText(Path.Combine(prebuiltDirectory, "release"), release + "\n");
            }
            if (sources.Count > 0)
            {
                DiskTreeWriter.Write(
                    sources.Nodes,
                    Path.Combine(target, UnpackedLayout.SourcesDirectory),
                    restoreOwners: false,
                    cancellation
                );
            }
            var missing = DiskTreeWriter.Write(
                merged.Nodes,
                Path.Combine(target, RootDirectory),
                owners,
                cancellation
            );
            RootMetadataTable.Write(
                Path.Combine(target, RootMetadataTable.FileName),
                merged.Nodes.Select(n => MetadataEntry.Of(n, !missing.Contains(n.Path))),
                owners
            );
            return new UnpackResult(
                cd.Description,
                cd.Exact,
                merged.Count,
                build.Nodes.Count(n => n.Kind != NodeKind.Directory),
                prebuilt.Count,
                sources.Nodes.Count(n => n.Kind != NodeKind.Directory),
                missing,
                owners,
                settings
            );
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>root.tar.gz with the CD's /usr under usr/: the root as the running system sees it.</summary>
    public static RootTree Merge(RootTree root, RootTree usr, string origin)
    {
        var merged = new RootTree();
        foreach (var node in root.Nodes)
        {
            if (node.Path.StartsWith("usr/", StringComparison.Ordinal))
            {
                throw new UnpackException(
                    origin + " /" + RootArchive,
                    node.Path,
                    "lies below /usr, which the CD itself provides"
                );
            }
            merged.Set(node);
        }
        foreach (var node in usr.Nodes)
        {
            merged.Set(
                node with
                {
                    Path = "usr/" + node.Path,
                    LinkTarget =
                        node.Kind == NodeKind.HardLink ? "usr/" + node.LinkTarget : node.LinkTarget,
                }
            );
        }
        if (!merged.Contains("usr"))
        {
            merged.Set(RootNode.Directory("usr", 0));
        }
        merged.AddMissingParents(0);
        return merged;
    }

    /// <summary>Names exactly as the archive holds them: the tree normalizes leading '/' away.</summary>
    private static void CheckArchiveNames(string tar, string origin)
    {
        using var stream = File.OpenRead(tar);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            UnpackSafety.CheckName(origin, entry.Name);
            if (entry.EntryType == TarEntryType.HardLink)
            {
                UnpackSafety.CheckName(origin + $" (hard link '{entry.Name}')", entry.LinkName);
            }
        }
    }

    private static string ReadText(NodeContent content)
    {
        using var stream = content.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
