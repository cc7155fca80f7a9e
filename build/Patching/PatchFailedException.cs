using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Patching;

/// <summary>A patch of a series did not apply: which patch, and which hunks failed.</summary>
public sealed class PatchFailedException(
    string task,
    string patch,
    IReadOnlyList<string> failures,
    Exception inner
)
    : Exception(
        $"{task}: patch {patch} does not apply:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", failures)
            + $"{Environment.NewLine}Refresh the patch against the pinned source, or remove it from the series.",
        inner
    ),
        IExpectedFailure;
