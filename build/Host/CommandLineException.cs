namespace XenDemoCD.Build.Host;

/// <summary>The command line cannot be used as given; the message says what to type instead.</summary>
public sealed class CommandLineException(string message) : Exception(message), IExpectedFailure;
