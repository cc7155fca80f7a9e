namespace XenDemoCD.Build;

/// <summary>Where the CD's kernel or hypervisor comes from (<c>--kernel=</c>, <c>--hypervisor=</c>).</summary>
public enum ImageOrigin
{
    /// <summary>Compiled here from the pinned Debian source with our configuration (the default).</summary>
    Compiled,

    /// <summary>Debian's own binary package: no compile, a fast build.</summary>
    Debian,

    /// <summary>The unpacked CD's <c>prebuilt/</c> (Unpack): the very files of the CD unpacked, no build.</summary>
    Prebuilt,
}
