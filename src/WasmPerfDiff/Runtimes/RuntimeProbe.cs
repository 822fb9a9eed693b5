using WasmPerfDiff.Host;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Runtimes;

/// <summary>
/// The short run that decides whether a runtime configuration works here: a tiny WASI module that prints
/// <c>hello</c> through <c>fd_write</c>, run with a few seconds' bound. A program with the right name but
/// the wrong build (an iwasm without Fast JIT, a "wasmtime" that is not one) fails this run, and the
/// reason says how.
/// </summary>
public static class RuntimeProbe
{
    public static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(8);
    public static readonly TimeSpan VersionLimit = TimeSpan.FromSeconds(3);
    public const string ExpectedStdout = "hello\n";

    private const string HelloWat = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello\n")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 6))
            (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
        """;

    // In the per-user cache (0700, owner checked), never a shared predictable path under /tmp, where another
    // user could plant a module (or a symlinked folder) and change which runtimes doctor calls available.
    private static readonly Lazy<string> Module = new(() =>
    {
        var bytes = Wasmtime.Module.ConvertText(HelloWat);
        var dir = UserCache.Directory("probe");
        var path = Path.Combine(dir, $"hello-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12]}.wasm");
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            var tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}";
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, path, overwrite: true); // rename(2): a concurrent prober never reads half a module
        }
        return path;
    });

    /// <summary>The probe module's path (written once per user, in the per-user cache).</summary>
    public static string ModulePath => Module.Value;

    /// <summary>Where a probe's precompiled artifact goes (per process, in the per-user cache; the caller deletes it).</summary>
    public static string ArtifactPath(string runtime, string extension) =>
        Path.Combine(UserCache.Directory("probe"), $"{runtime}-{Environment.ProcessId}-{Guid.NewGuid():N}{extension}");

    public static RunRequest Request => new(ModulePath, [], RunLimit);

    /// <summary>Runs a prepared probe launch; null when it printed hello and exited 0, else why not (one line).</summary>
    public static string? Check(ProcessSpec spec, string? marksFile = null)
    {
        var outcome = ChildProcess.RunAsync(spec with { Timeout = RunLimit }).GetAwaiter().GetResult();
        try
        {
            if (!outcome.Spawned) return $"probe run could not start: {outcome.SpawnError}";
            if (outcome.TimedOut) return $"probe run did not finish within {RunLimit.TotalSeconds:0} s";
            var stdout = outcome.Stdout.HeadText;
            if (outcome.ExitCode == 0 && stdout == ExpectedStdout) return null;
            var said = FirstLine(outcome.Stderr.HeadText) ?? FirstLine(stdout) ?? "no output";
            var how = outcome.ExitCode is { } code ? $"exited {code}" : $"killed by signal {outcome.Signal}";
            return outcome.ExitCode == 0
                ? $"probe run printed {Quote(stdout)} instead of \"hello\""
                : $"probe run {how}: {said}";
        }
        finally
        {
            if (marksFile is not null) try { File.Delete(marksFile); } catch (IOException) { }
        }
    }

    private static string? FirstLine(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return line is null ? null : line.Length > 160 ? line[..160] + "…" : line;
    }

    private static string Quote(string s) => "\"" + (s.Length > 40 ? s[..40] + "…" : s).Replace("\n", "\\n") + "\"";
}
