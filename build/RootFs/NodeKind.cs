namespace XenDemoCD.Build.RootFs;

/// <summary>What a path in the root filesystem is.</summary>
public enum NodeKind
{
    File,
    Directory,
    Symlink,
    HardLink,
    CharDevice,
    BlockDevice,
    Fifo,
}
