using System.Text;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// Copies <c>rootpatch/</c> over a root: its files win over the stock ones, owners and modes come
/// from the permission table, and UTF-8 text files may hold <c>@XENDEMO_VERSION@</c> and
/// <c>@XENDEMO_BUILDER@</c>, filled in at build time; every other file is copied byte for byte.
/// </summary>
public sealed class RootOverlay(
    string directory,
    PermissionTable permissions,
    IReadOnlyDictionary<string, string> substitutions
)
{
    /// <summary>Applies the overlay; returns the stock paths it replaced (for the log).</summary>
    public IReadOnlyList<string> ApplyTo(RootTree tree, long mtime)
    {
        var replaced = new List<string>();
        if (!Directory.Exists(directory))
        {
            return replaced;
        }
        var entries = new DirectoryInfo(directory)
            .EnumerateFileSystemInfos(
                "*",
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }
            )
            .OrderBy(e => e.FullName, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var path = RootNode.Normalize(Path.GetRelativePath(directory, entry.FullName));
            var node = ToNode(entry, path, mtime);
            var stock = tree[path];
            if (stock is not null && stock.Kind != NodeKind.Directory)
            {
                replaced.Add("/" + path);
            }
            if (
                stock is { Kind: NodeKind.Directory }
                && node.Kind == NodeKind.Directory
                && !permissions.Paths.Contains(path)
            )
            {
                continue; // an overlay directory only holds files; the stock directory keeps its metadata
            }
            tree.Set(node);
        }
        foreach (var listed in permissions.Paths.Where(p => !tree.Contains(p)))
        {
            throw new InputFileException(
                permissions.File,
                $"'/{listed}' is listed but neither rootpatch/ nor the base root has it",
                "remove the line or add the file",
                permissions.LineOf(listed),
                "PATH"
            );
        }
        foreach (var listed in permissions.Paths)
        {
            var node = tree[listed]!;
            var (mode, uid, gid) = permissions.For(listed, false, false);
            tree.Set(node with { Mode = mode, Uid = uid, Gid = gid });
        }
        return replaced;
    }

    private RootNode ToNode(FileSystemInfo entry, string path, long mtime)
    {
        if (entry.LinkTarget is { } target)
        {
            return RootNode.Symlink(path, target, mtime);
        }
        if (entry is DirectoryInfo)
        {
            var (dirMode, dirUid, dirGid) = permissions.For(
                path,
                isDirectory: true,
                isExecutable: false
            );
            return RootNode.Directory(path, mtime, dirMode, dirUid, dirGid);
        }
        var executable =
            !OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(entry.FullName) & UnixFileMode.UserExecute) != 0;
        var (mode, uid, gid) = permissions.For(path, isDirectory: false, isExecutable: executable);
        return RootNode.File(path, Substitute(entry.FullName), mtime, mode, uid, gid);
    }

    // Strict: a file that is not UTF-8 must not be decoded, or every byte it has outside ASCII
    // would become U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(
        encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true
    );

    /// <summary>
    /// The file's own bytes, unless it holds a placeholder: then (and only in UTF-8 text) the
    /// placeholders are filled in. A placeholder in a file that is not UTF-8 is an error rather
    /// than a byte-level splice, which would put UTF-8 values into text of another encoding.
    /// </summary>
    private NodeContent Substitute(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var placeholders = substitutions
            .Where(s => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"@{s.Key}@")) >= 0)
            .ToList();
        if (bytes.AsSpan().IndexOf((byte)0) >= 0 || placeholders.Count == 0)
        {
            return new InlineBytes(bytes);
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InputFileException(
                file,
                $"holds @{placeholders[0].Key}@ but is not valid UTF-8, and placeholders are filled in only in UTF-8 text",
                "convert the file to UTF-8, or remove the placeholder"
            );
        }
        foreach (var (name, value) in placeholders)
        {
            text = text.Replace($"@{name}@", value, StringComparison.Ordinal);
        }
        return new InlineBytes(StrictUtf8.GetBytes(text));
    }
}
