namespace XenDemoCD.Build.Host;

/// <summary>
/// One input file a task reads, with the check that parses it completely. The checks of every
/// task in the plan run before the first task, so that a typo fails the build in a second rather
/// than after the compiles.
/// </summary>
/// <param name="File">The file checked; tasks that read the same file share one check.</param>
/// <param name="Check">Parses the file; throws an <see cref="IExpectedFailure"/> naming the problem.</param>
public sealed record InputCheck(string File, Action Check);
