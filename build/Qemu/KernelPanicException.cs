namespace XenDemoCD.Build.Qemu;

/// <summary>
/// The machine's kernel (or Xen) panicked while a boot check waited for its console: it will
/// print nothing more, so the check fails now, with the panic, rather than at its timeout.
/// </summary>
public sealed class KernelPanicException(string message) : InvalidOperationException(message);
