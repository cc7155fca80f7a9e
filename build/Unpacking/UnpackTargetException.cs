using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Unpacking;

/// <summary>--into cannot receive an unpack (not empty, a file); nothing was read or written.</summary>
public sealed class UnpackTargetException(string message) : IOException(message), IExpectedFailure;
