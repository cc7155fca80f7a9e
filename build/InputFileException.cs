namespace XenDemoCD.Build;

/// <summary>An input file of the build is wrong: names the file, what is wrong, and the fix.</summary>
public sealed class InputFileException(string file, string problem, string fix)
    : Exception($"{file}: {problem}; {fix}.");
