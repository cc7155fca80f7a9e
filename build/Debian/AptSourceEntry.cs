namespace XenDemoCD.Build.Debian;

/// <summary>One archive the host's apt uses: where (URIs), which suites and components, which key.</summary>
public sealed record AptSourceEntry(
    IReadOnlyList<string> Uris,
    IReadOnlyList<string> Suites,
    IReadOnlyList<string> Components,
    string? SignedBy
);
