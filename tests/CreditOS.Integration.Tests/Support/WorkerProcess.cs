using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// The worker as it is deployed, in a process of its own: <c>dotnet CreditOS.Integration.Worker.dll</c> (the build the tests
/// reference, next to them), configured through environment variables only (its working directory is an empty folder, so no
/// appsettings.json is read), its console log written to a file. <see cref="Kill"/> is SIGKILL: the process ends at once,
/// nothing of it runs any more (no settlement, no dispose, no lock renewal), its sockets are closed by the kernel.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _awaited = [];
    private int _completed;

    private WorkerProcess(Process process, string logPath, StreamWriter log)
    {
        _process = process;
        LogPath = logPath;
        _log = log;
    }

    /// <summary>The file the process's console output goes to (kept after the test: the evidence of a failed run).</summary>
    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completions the process has logged so far (the Service Bus settler's "completed message" lines, at Debug).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Starts the worker with <paramref name="configuration"/> (every key with a value becomes an environment variable).</summary>
    public static WorkerProcess Start(IConfiguration configuration, string directory, string name) =>
        Start(Path.Combine(AppContext.BaseDirectory, "CreditOS.Integration.Worker.dll"), configuration, directory, name);

    /// <summary>
    /// Starts another of the solution's hosts the same way (session 29: the local Service Bus host, <see cref="LocalServiceBusHost"/>):
    /// <paramref name="assembly"/> under dotnet, configured by environment variables only.
    /// </summary>
    public static WorkerProcess Start(string assembly, IConfiguration configuration, string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var worker = assembly;
        if (!File.Exists(worker))
        {
            throw new FileNotFoundException($"The built host is not where the tests look for it ({worker}).", worker);
        }

        var workingDirectory = Directory.CreateDirectory(Path.Combine(directory, name)).FullName;
        var start = new ProcessStartInfo(DotnetHost(), [worker])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        // One line per entry with a timestamp; the settler's completions (Debug) name each message.
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning";
        start.Environment["Logging__LogLevel__CreditOS.Integration.Worker.Transport.ServiceBus"] = "Debug";
        start.Environment["Health__Urls"] = string.Empty;

        var logPath = Path.Combine(directory, name + ".log");
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var started = new WorkerProcess(process, logPath, log);
        process.OutputDataReceived += (_, line) => started.Write(line.Data);
        process.ErrorDataReceived += (_, line) => started.Write(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux), and waits until the process is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"Worker process {_process.Id} still runs 30 s after SIGKILL.");
        }
    }

    /// <summary>SIGTERM (a graceful stop: the host stops its pumps) and waits up to <paramref name="patience"/>; false if it had to be killed.</summary>
    public async Task<bool> StopAsync(TimeSpan patience)
    {
        if (_process.HasExited)
        {
            return true;
        }

        if (kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"SIGTERM to worker process {_process.Id} failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill();
            return false;
        }
    }

    /// <summary>The first line of the process's output that contains <paramref name="text"/> (from now on).</summary>
    public Task<string> LineContaining(string text)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_logGate)
        {
            _awaited.Add((text, seen));
        }

        return seen.Task;
    }

    /// <summary>The last <paramref name="lines"/> lines of the process's output, for a failure message.</summary>
    public string Tail(int lines = 30)
    {
        lock (_logGate)
        {
            _log.Flush();
        }

        using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(reader);
        var all = text.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(": completed message ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _completed);
        }

        lock (_logGate)
        {
            foreach (var (text, seen) in _awaited.Where(awaited => line.Contains(awaited.Text, StringComparison.Ordinal)).ToList())
            {
                seen.TrySetResult(line);
                _awaited.Remove((text, seen));
            }

            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The output of a process being disposed: nothing to keep.
            }
        }
    }

    /// <summary>The dotnet host running these tests (testhost runs under it), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
