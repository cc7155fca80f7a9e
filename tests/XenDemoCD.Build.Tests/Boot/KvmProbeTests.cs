using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>
/// Whether boots use KVM is decided by how a probe machine ends. Scripts stand in for QEMU:
/// one that aborts the way QEMU does on a nested KVM that rejects its MSRs, but late, as on a
/// loaded machine; one that answers QMP and quits.
/// </summary>
public sealed class KvmProbeTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_qemu_that_aborts_late_while_creating_the_kvm_machine_means_no_kvm()
    {
        var qemu = Script(
            "slow-abort",
            "sleep 4; echo 'error: failed to set MSR 0x10a to 0x69' >&2; kill -ABRT $$"
        );

        Assert.False(QemuMachine.RunsAKvmMachine(qemu));
    }

    [Fact]
    public void A_qemu_that_answers_qmp_and_quits_means_kvm_works()
    {
        var qemu = Script(
            "answers",
            "read -r capabilities; echo '{\"return\": {}}'; read -r quit; "
                + "case \"$quit\" in *quit*) exit 0;; *) exit 1;; esac"
        );

        Assert.True(QemuMachine.RunsAKvmMachine(qemu));
    }

    [Theory]
    [InlineData("flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep vmx ssse3", true)]
    [InlineData("flags\t\t: fpu vme de pse tsc msr pae svm sse4a", true)]
    // What a sandbox's /dev/kvm came with: no VT-x, no AMD-V, and Xen hung under it.
    [InlineData("flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep sse4_2 hypervisor", false)]
    [InlineData("processor\t: 0\nvendor_id\t: GenuineIntel", false)]
    public void A_cpu_without_vt_x_or_amd_v_means_no_kvm_whatever_dev_kvm_says(
        string cpuinfo,
        bool kvm
    ) => Assert.Equal(kvm, QemuMachine.HasHardwareVirtualization(cpuinfo));

    private string Script(string name, string body)
    {
        var path = temp.Combine(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return path;
    }
}
