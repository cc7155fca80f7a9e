namespace XenDemoCD.IsoTool;

/// <summary>The command line itself is wrong: isotool prints the message and the usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>-h or --help: the usage goes to standard output and isotool exits 0.</summary>
internal sealed class HelpRequestedException : Exception;
