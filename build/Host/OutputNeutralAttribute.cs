namespace XenDemoCD.Build.Host;

/// <summary>
/// Marks code that runs inside stages but cannot change what they write (it runs tools, shows
/// progress, fetches bytes that are checked against a pin), so editing it rebuilds nothing. The
/// reason is required: it is the claim a reviewer checks.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class OutputNeutralAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
