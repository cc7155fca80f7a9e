using XenDemoCD.Build.RootFs;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// Writes checked nodes (<see cref="UnpackSafety.CheckTree"/>) under a directory: files created
/// exclusively (never through an existing path), symlinks made last so nothing is written
/// through them, owners restored when root, devices when permitted, then modes and times
/// deepest first so a directory's time is not disturbed by its children.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class DiskTreeWriter
{
    /// <summary>Writes the tree; returns the paths that could not be made (devices without root).</summary>
    public static IReadOnlySet<string> Write(
        IEnumerable<RootNode> nodes,
        string directory,
        bool restoreOwners,
        CancellationToken cancellation = default
    )
    {
        var sorted = nodes.OrderBy(n => n.Path, StringComparer.Ordinal).ToList();
        var missing = new HashSet<string>(StringComparer.Ordinal);
        Directory.CreateDirectory(directory);
        string On(string path) => Path.Combine(directory, path);
        foreach (var node in sorted)
        {
            cancellation.ThrowIfCancellationRequested();
            switch (node.Kind)
            {
                case NodeKind.Directory:
                    Directory.CreateDirectory(On(node.Path));
                    break;
                case NodeKind.File:
                    using (
                        var output = new FileStream(
                            On(node.Path),
                            FileMode.CreateNew,
                            FileAccess.Write,
                            FileShare.None,
                            1 << 16
                        )
                    )
                    {
                        if (node.Content is { } content)
                        {
                            using var input = content.Open();
                            StreamCopy.Copy(input, output, cancellation);
                        }
                    }
                    break;
                case NodeKind.CharDevice or NodeKind.BlockDevice or NodeKind.Fifo:
                    var type = node.Kind switch
                    {
                        NodeKind.CharDevice => 0x2000u,
                        NodeKind.BlockDevice => 0x6000u,
                        _ => 0x1000u,
                    };
                    if (
                        !UnixCalls.TryMakeNode(
                            On(node.Path),
                            type | 0x180,
                            node.DevMajor,
                            node.DevMinor
                        )
                    )
                    {
                        missing.Add(node.Path);
                    }
                    break;
            }
        }
        foreach (var node in sorted.Where(n => n.Kind == NodeKind.HardLink))
        {
            UnixCalls.HardLink(On(node.LinkTarget!), On(node.Path));
        }
        foreach (var node in sorted.Where(n => n.Kind == NodeKind.Symlink))
        {
            File.CreateSymbolicLink(On(node.Path), node.LinkTarget!);
        }
        cancellation.ThrowIfCancellationRequested();
        for (var i = sorted.Count - 1; i >= 0; i--)
        {
            var node = sorted[i];
            if (missing.Contains(node.Path))
            {
                continue;
            }
            var path = On(node.Path);
            if (restoreOwners && !UnixCalls.TrySetOwner(path, node.Uid, node.Gid))
            {
                throw new IOException(
                    $"lchown {path} to {node.Uid}:{node.Gid} failed although running as root."
                );
            }
            if (node.Kind is not (NodeKind.Symlink or NodeKind.HardLink))
            {
                // After lchown: chown clears setuid/setgid.
                UnixCalls.SetPermissions(path, node.Mode);
            }
            if (node.Kind != NodeKind.HardLink)
            {
                UnixCalls.SetTime(path, node.MTime);
            }
        }
        return missing;
    }
}
