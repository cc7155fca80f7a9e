using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Debian;

public sealed class DownloadWatchTests
{
    // apt-get download --print-uris, as apt 2.6 prints it for the pinned kernel source (URI shortened).
    private const string PrintUris =
        "'http://archive.invalid/pool/l/linux-source-6.1_6.1.192-2_all.deb' linux-source-6.1_6.1.192-2_all.deb 139331676 SHA256:ae95fe63d4c553f8d0e6c86cb1ab566f3894a43743eb19ab585cd97d82f26514";

    [Fact]
    public void The_total_is_the_sum_of_the_sizes_apt_announces()
    {
        string[] lines =
        [
            "Reading package lists...",
            "'http://archive.invalid/x/xen_4.17-1.dsc' xen_4.17-1.dsc 4357 SHA256:f139",
            "'http://archive.invalid/x/xen_4.17.orig.tar.xz' xen_4.17.orig.tar.xz 4735560 SHA256:5392",
            "'http://archive.invalid/x/xen_4.17-1.debian.tar.xz' xen_4.17-1.debian.tar.xz 139916 SHA256:5bcf",
        ];

        Assert.Equal(4357 + 4735560 + 139916, AptUriList.TotalSize(lines));
        Assert.Equal(139331676, AptUriList.TotalSize([PrintUris]));
        Assert.Null(AptUriList.TotalSize(["E: Unable to locate package nothing"]));
    }

    [Fact]
    public async Task A_download_reports_bytes_on_disk_of_the_total_rising_to_the_whole_file()
    {
        using var scratch = new TempDirectory();
        const long total = 5 * 65536;
        var recorder = new RecordingProgress();

        await using (
            DownloadWatch.Start(scratch.Path, total, recorder, TimeSpan.FromMilliseconds(10))
        )
        {
            // A file arriving in pieces, as apt writes it, with apt's partial directory beside it.
            Directory.CreateDirectory(scratch.Combine("partial"));
            await using var file = File.Create(scratch.Combine("linux-source-6.1_all.deb"));
            for (var i = 0; i < 5; i++)
            {
                await file.WriteAsync(new byte[65536]);
                await file.FlushAsync();
                await Task.Delay(40);
            }
        }

        var reports = recorder.Reports;
        Assert.All(reports, r => Assert.Equal(total, r.Total));
        var done = reports.Select(r => r.Done!.Value).ToList();
        Assert.Equal(done.Order(), done);
        Assert.Contains(done, d => d > 0 && d < total);
        Assert.Equal(total, done[^1]);
    }
}
