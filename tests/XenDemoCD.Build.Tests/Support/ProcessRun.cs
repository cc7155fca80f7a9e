using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace XenDemoCD.Build.Tests.Support;

/// <summary>Runs a real process (build.sh, the host, pwsh) and keeps its combined output.</summary>
public sealed class ProcessRun : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ProcessRun(Process process) => this.process = process;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static ProcessRun Start(
        string program,
        IEnumerable<string> arguments,
        string workingDirectory,
        IDictionary<string, string>? environment = null
    )
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var run = new ProcessRun(
            Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.")
        );
        run.process.OutputDataReceived += (_, e) => run.Append(e.Data);
        run.process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        run.process.BeginOutputReadLine();
        run.process.BeginErrorReadLine();
        run.process.StandardInput.Close();
        return run;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string workingDirectory,
        IDictionary<string, string>? environment = null,
        TimeSpan? timeout = null
    )
    {
        using var run = Start(program, arguments, workingDirectory, environment);
        var exitCode = await run.WaitAsync(timeout ?? TimeSpan.FromMinutes(10));
        return (exitCode, run.Output);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{process.StartInfo.FileName} did not finish in {timeout}; output so far:\n{Output}"
            );
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Waits until the output holds <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' never appeared; output:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL to the process and every process under it: a crash, as the build sees it.</summary>
    public void KillTree() => process.Kill(entireProcessTree: true);

    /// <summary>What Ctrl+C in a terminal sends.</summary>
    public void Interrupt() => _ = Kill(process.Id, 2);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
