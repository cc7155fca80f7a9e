using XenDemoCD.Build.RootFs;

namespace XenDemoCD.Build.Tests.RootFs;

public sealed class BootstrapScratchTests
{
    private const string Temporary = "/tmp/";
    private const long Plenty = 20L << 30;

    private static string[] Mounts(string ramDisk) =>
        ["/dev/vda / ext4 rw,relatime 0 0", ramDisk, "proc /proc proc rw 0 0"];

    [Fact]
    public void A_tmpfs_ram_disk_with_room_is_chosen()
    {
        Assert.Equal(
            BootstrapScratch.RamDisk,
            BootstrapScratch.Choose(
                Mounts("tmpfs /dev/shm tmpfs rw,relatime,size=24683548k 0 0"),
                Plenty,
                Temporary
            )
        );
    }

    [Theory]
    [InlineData("tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0")]
    [InlineData("tmpfs /dev/shm tmpfs rw,noexec,relatime 0 0")]
    [InlineData("none /dev/shm ext4 rw,relatime 0 0")]
    public void A_ram_disk_that_forbids_device_nodes_or_programs_or_is_no_tmpfs_is_not_used(
        string ramDisk
    )
    {
        Assert.Equal(Temporary, BootstrapScratch.Choose(Mounts(ramDisk), Plenty, Temporary));
    }

    [Fact]
    public void A_ram_disk_without_room_for_the_root_is_not_used()
    {
        Assert.Equal(
            Temporary,
            BootstrapScratch.Choose(
                Mounts("tmpfs /dev/shm tmpfs rw,relatime 0 0"),
                BootstrapScratch.RoomNeeded - 1,
                Temporary
            )
        );
    }

    [Fact]
    public void Without_a_ram_disk_the_temporary_directory_is_used()
    {
        Assert.Equal(
            Temporary,
            BootstrapScratch.Choose(["/dev/vda / ext4 rw 0 0"], Plenty, Temporary)
        );
    }

    [Fact]
    public void The_last_mount_on_the_ram_disk_is_the_one_in_effect()
    {
        Assert.Equal(
            Temporary,
            BootstrapScratch.Choose(
                [
                    "tmpfs /dev/shm tmpfs rw,relatime 0 0",
                    "tmpfs /dev/shm tmpfs rw,nodev,relatime 0 0",
                ],
                Plenty,
                Temporary
            )
        );
    }
}
