using XenDemoCD.Build.RootFs;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// What makes a tree safe to write under a directory: every path stays inside (no absolute
/// names, no '..'), nothing is written through a symlink (no entry below a symlink or a
/// non-directory), hard links name a file of the same tree, and symlinks do not lead out.
/// </summary>
public static class UnpackSafety
{
    /// <summary>A raw name from an archive or an image: relative, no '..' or '.' components, no NUL.</summary>
    public static void CheckName(string origin, string raw)
    {
        var name = raw.Replace('\\', '/');
        if (name.StartsWith('/'))
        {
            throw new UnpackException(
                origin,
                raw,
                "is an absolute path, which would be written outside the target directory"
            );
        }
        if (name.Contains('\0'))
        {
            throw new UnpackException(origin, raw, "contains a NUL byte");
        }
        var parts = name.TrimEnd('/').Split('/');
        if (parts.Any(p => p == ".."))
        {
            throw new UnpackException(
                origin,
                raw,
                "has a '..' component, which would be written outside the target directory"
            );
        }
    }

    /// <summary>
    /// Checks a whole tree before anything is written. <paramref name="chroot"/>: symlinks are
    /// read as inside a root filesystem (absolute targets mean the root tree's own top, as for the
    /// running system; they are created as they are and never followed). Otherwise (the build
    /// system, prebuilt files) absolute targets are refused too.
    /// </summary>
    public static void CheckTree(string origin, RootTree tree, bool chroot) =>
        CheckTree(origin, tree, chroot, []);

    /// <summary>
    /// As above; below each of <paramref name="rootTrees"/> (the build system's rootpatch/ and
    /// irtree/, which are overlaid on a root) symlinks are read as inside that root.
    /// </summary>
    public static void CheckTree(
        string origin,
        RootTree tree,
        bool chroot,
        IReadOnlyList<string> rootTrees
    )
    {
        foreach (var node in tree.Nodes)
        {
            CheckName(origin, node.Path);
            var parent = Parent(node.Path);
            if (parent.Length > 0 && tree[parent] is { } up && up.Kind != NodeKind.Directory)
            {
                throw new UnpackException(
                    origin,
                    node.Path,
                    up.Kind == NodeKind.Symlink
                        ? $"lies below the symlink '{up.Path}' → '{up.LinkTarget}': writing it would follow the link"
                        : $"lies below '{up.Path}', which is a {up.Kind}, not a directory"
                );
            }
            switch (node.Kind)
            {
                case NodeKind.HardLink:
                    CheckName(origin, node.LinkTarget ?? "");
                    if (tree[node.LinkTarget!] is not { Kind: NodeKind.File or NodeKind.HardLink })
                    {
                        throw new UnpackException(
                            origin,
                            node.Path,
                            $"is a hard link to '{node.LinkTarget}', which is not a file of the same tree"
                        );
                    }
                    break;
                case NodeKind.Symlink:
                    var inside = rootTrees.FirstOrDefault(r =>
                        node.Path.StartsWith(r + "/", StringComparison.Ordinal)
                    );
                    CheckSymlink(
                        origin,
                        inside is null
                            ? node
                            : node with
                            {
                                Path = node.Path[(inside.Length + 1)..],
                            },
                        chroot || inside is not null,
                        node.Path
                    );
                    break;
            }
        }
    }

    private static void CheckSymlink(string origin, RootNode node, bool chroot, string name)
    {
        var target = node.LinkTarget ?? "";
        if (target.Length == 0 || target.Contains('\0'))
        {
            throw new UnpackException(
                origin,
                name,
                "is a symlink with an empty or NUL-holding target"
            );
        }
        if (target.StartsWith('/'))
        {
            if (!chroot)
            {
                throw new UnpackException(
                    origin,
                    name,
                    $"is a symlink to the absolute path '{target}', which leads out of the target directory"
                );
            }
            return;
        }
        // Resolve lexically from the link's directory; climbing above the tree's top leads out.
        var depth = Parent(node.Path).Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            depth += part switch
            {
                ".." => -1,
                "." => 0,
                _ => 1,
            };
            if (depth < 0)
            {
                throw new UnpackException(
                    origin,
                    name,
                    $"is a symlink to '{target}', which climbs out of the target directory"
                );
            }
        }
    }

    public static string Parent(string path) =>
        path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : "";
}
