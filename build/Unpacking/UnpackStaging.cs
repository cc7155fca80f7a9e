using System.Globalization;
using Serilog;
using XenDemoCD.Build.IO;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// Where an unpack is written until it is complete: a hidden directory beside --into
/// (<c>.DIR.unpacking-PID</c>), renamed onto --into at the end, so a failed, interrupted or
/// killed unpack never leaves a half-filled --into that a rerun would refuse as "not empty".
/// When --into is an empty mount point or its parent is not writable, the rename cannot work;
/// then the hidden directory lies inside --into (<c>.unpacking-PID</c>) and its entries are moved up.
/// A temporary directory whose process no longer runs is a killed run's and is removed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UnpackStaging : IDisposable
{
    private const string Marker = ".unpacking-";
    private readonly string target;
    private readonly bool inside;
    private readonly IReadOnlyList<string> createdParents;
    private bool settled;

    private UnpackStaging(
        string target,
        string path,
        bool inside,
        IReadOnlyList<string> createdParents
    )
    {
        this.target = target;
        this.inside = inside;
        this.createdParents = createdParents;
        Path = path;
    }

    /// <summary>The temporary directory to write the unpack into.</summary>
    public string Path { get; }

    /// <summary>
    /// Checks that <paramref name="into"/> is new or empty (after removing killed runs' leftovers)
    /// and makes the temporary directory.
    /// </summary>
    public static UnpackStaging Begin(string into)
    {
        // "DIR/" names DIR: its parent holds the temporary directory, never DIR itself.
        var target = Resolved(
            System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(into))
        );
        if (File.Exists(target))
        {
            throw new UnpackTargetException(
                $"--into={into}: {target} is a file; unpack into a new or empty directory."
            );
        }
        var exists = Directory.Exists(target);
        if (exists)
        {
            RemoveStale(target, Marker);
            if (Directory.EnumerateFileSystemEntries(target).Any())
            {
                throw new UnpackTargetException(
                    $"--into={into}: {target} is not empty; unpack into a new or empty directory so nothing of yours is overwritten."
                );
            }
        }
        var parent = System.IO.Path.GetDirectoryName(target)!;
        var name = System.IO.Path.GetFileName(target);
        RemoveStale(parent, "." + name + Marker);
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (exists && IsMountPoint(target, parent))
        {
            return Inside(target, pid);
        }
        var created = MissingAncestors(parent);
        var path = System.IO.Path.Combine(parent, "." + name + Marker + pid);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (UnauthorizedAccessException) when (exists)
        {
            return Inside(target, pid);
        }
        return new UnpackStaging(target, path, inside: false, created);
    }

    /// <summary>Puts the complete unpack in place of --into.</summary>
    public void Commit()
    {
        if (inside)
        {
            MoveEntriesUp();
        }
        else
        {
            if (Directory.Exists(target))
            {
                // rename(2) replaces an empty directory in one step; keep what it was given.
                var given = UnixCalls.LStat(target);
                UnixCalls.TrySetOwner(Path, (int)given.Uid, (int)given.Gid);
                UnixCalls.SetPermissions(Path, given.Permissions);
            }
            UnixCalls.Rename(Path, target);
        }
        settled = true;
    }

    /// <summary>
    /// Renames within one directory of one file system: quick, though not one step; if one
    /// fails, those already moved go back, so the abandoned unpack takes them along.
    /// </summary>
    private void MoveEntriesUp()
    {
        var moved = new List<string>();
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Path).ToList())
            {
                var name = System.IO.Path.GetFileName(entry);
                UnixCalls.Rename(entry, System.IO.Path.Combine(target, name));
                moved.Add(name);
            }
        }
        catch (IOException)
        {
            foreach (var name in moved)
            {
                UnixCalls.Rename(
                    System.IO.Path.Combine(target, name),
                    System.IO.Path.Combine(Path, name)
                );
            }
            throw;
        }
        Directory.Delete(Path);
    }

    /// <summary>
    /// Removes the partial unpack (and the parents made for it); returns what happened to it,
    /// for the error message.
    /// </summary>
    public string Abandon()
    {
        settled = true;
        try
        {
            DirectoryRemoval.DeleteIfPresent(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"nothing was moved into {target}; removing the partial unpack {Path} failed ({e.Message}), a rerun removes it";
        }
        foreach (var parent in createdParents)
        {
            try
            {
                Directory.Delete(parent);
            }
            catch (IOException)
            {
                break; // something else was put there meanwhile: it is not ours to remove
            }
        }
        return $"nothing was left in {target}; the partial unpack was removed";
    }

    public void Dispose()
    {
        if (!settled)
        {
            Abandon();
        }
    }

    private static UnpackStaging Inside(string target, string pid)
    {
        var path = System.IO.Path.Combine(target, Marker + pid);
        Directory.CreateDirectory(path);
        return new UnpackStaging(target, path, inside: true, []);
    }

    /// <summary>Temporary directories named <paramref name="prefix"/>PID whose process is gone.</summary>
    private static void RemoveStale(string directory, string prefix)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        foreach (var stale in Directory.EnumerateDirectories(directory, prefix + "*"))
        {
            if (new DirectoryInfo(stale).LinkTarget is not null)
            {
                continue; // not made by an unpack; removing it could reach through the link
            }
            var suffix = System.IO.Path.GetFileName(stale)[prefix.Length..];
            if (
                int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && (pid == Environment.ProcessId || !Directory.Exists($"/proc/{pid}"))
            )
            {
                Log.Information("Removing {Stale}, left by an unpack that was killed", stale);
                DirectoryRemoval.DeleteIfPresent(stale);
            }
        }
    }

    /// <summary>The directory a symlinked --into leads to: the rename must replace it, not the link.</summary>
    private static string Resolved(string path) =>
        new FileInfo(path).LinkTarget is null
            ? path
            : File.ResolveLinkTarget(path, returnFinalTarget: true)!.FullName;

    private static bool IsMountPoint(string directory, string parent) =>
        UnixCalls.LStat(directory).Device != UnixCalls.LStat(parent).Device;

    /// <summary>The ancestors of <paramref name="directory"/> that do not exist yet, deepest first; then makes them.</summary>
    private static List<string> MissingAncestors(string directory)
    {
        var missing = new List<string>();
        for (
            var at = directory;
            !string.IsNullOrEmpty(at) && !Directory.Exists(at);
            at = System.IO.Path.GetDirectoryName(at)
        )
        {
            missing.Add(at);
        }
        Directory.CreateDirectory(directory);
        return missing;
    }
}
