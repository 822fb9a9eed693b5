using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace WasmPerfDiff.Fuzz;

/// <summary>What became of one input.</summary>
public enum FuzzOutcome { Accepted, Rejected, Crash, Hang, UnclearRejection, WroteInput, LeftFiles }

public sealed record FuzzResult(FuzzCase Case, int ExitCode, FuzzOutcome Outcome, string Detail);

/// <summary>
/// Runs the built CLI (<c>dotnet wasm-perfdiff.dll</c>) on each input in its own sandbox folder and judges it:
/// a crash is an exit outside 0/1/2 or a stack trace or "Unhandled exception" in the output; a hang is no exit within
/// the limit; a rejection (exit 2) must be one line "wasm-perfdiff: …" and leave no new file behind; the files named as
/// read-only inputs must hash the same after the run.
/// </summary>
public sealed partial class FuzzRunner(string cliDll, string workRoot, TimeSpan limit)
{
    [GeneratedRegex(@"^\s+at [\w.<>`\[\]]+.*\(", RegexOptions.Multiline)]
    private static partial Regex StackLine();

    public IReadOnlyList<FuzzResult> Run(IReadOnlyList<FuzzCase> cases, int parallel, Action<int, FuzzResult>? progress = null)
    {
        var results = new FuzzResult[cases.Count];
        var done = 0;
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, i =>
        {
            results[i] = RunOne(cases[i], i);
            progress?.Invoke(Interlocked.Increment(ref done), results[i]);
        });
        return results;
    }

    public FuzzResult RunOne(FuzzCase c, int index)
    {
        var dir = Path.Combine(workRoot, index.ToString("D6"));
        if (Directory.Exists(dir)) ForceDelete(dir);
        Directory.CreateDirectory(dir);
        try
        {
            c.Setup(dir);
            var before = Snapshot(dir);
            var watched = c.ReadOnlyInputs.Concat(c.OutputsIfAccepted ?? []);
            var hashes = watched.Where(p => File.Exists(Path.Combine(dir, p))).ToDictionary(p => p, p => Hash(Path.Combine(dir, p)));
            var (exit, stdout, stderr, hung) = Exec(dir, c.Args);
            var text = stdout + "\n" + stderr;
            if (hung) return new(c, -1, FuzzOutcome.Hang, $"no exit within {limit.TotalSeconds:0} s");
            if (exit is not (0 or 1 or 2) || text.Contains("Unhandled exception", StringComparison.Ordinal) || StackLine().IsMatch(text))
                return new(c, exit, FuzzOutcome.Crash, FirstLines(stderr.Length > 0 ? stderr : stdout));
            foreach (var (p, h) in hashes)
                if ((exit == 2 || c.ReadOnlyInputs.Contains(p)) && !File.Exists(Path.Combine(dir, p)) || Hash(Path.Combine(dir, p)) != h)
                    return new(c, exit, FuzzOutcome.WroteInput, $"{p} changed");
            var after = Snapshot(dir);
            var temps = after.Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
            if (temps.Count > 0) return new(c, exit, FuzzOutcome.LeftFiles, string.Join(", ", temps.Take(3)));
            if (exit == 2)
            {
                var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (lines.Length != 1 || !lines[0].StartsWith("wasm-perfdiff: ", StringComparison.Ordinal) || stdout.Trim().Length > 0)
                    return new(c, exit, FuzzOutcome.UnclearRejection, FirstLines(stderr + stdout));
                var added = after.Except(before).ToList();
                if (added.Count > 0) return new(c, exit, FuzzOutcome.LeftFiles, string.Join(", ", added.Take(3)) + " | " + lines[0]);
                return new(c, exit, FuzzOutcome.Rejected, lines[0]);
            }
            return new(c, exit, FuzzOutcome.Accepted, FirstLines(stderr));
        }
        finally
        {
            ForceDelete(dir);
        }
    }

    private (int Exit, string Stdout, string Stderr, bool Hung) Exec(string dir, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = dir };
        psi.ArgumentList.Add(cliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["XDG_CACHE_HOME"] = Path.Combine(workRoot, "cache");
        psi.Environment.Remove("WASM_PERFDIFF_DEBUG");
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
            return (-1, "", "", true);
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result, false);
    }

    private static HashSet<string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .Select(f => Path.GetRelativePath(dir, f)).ToHashSet(StringComparer.Ordinal);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static string FirstLines(string s) => string.Join(" ⏎ ", s.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3)).Trim();

    private static void ForceDelete(string dir)
    {
        try
        {
            foreach (var d in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories))
                File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The table: inputs per kind × outcome, as Markdown.</summary>
    public static string Table(IReadOnlyList<FuzzResult> results)
    {
        var sb = new StringBuilder();
        var outcomes = Enum.GetValues<FuzzOutcome>();
        sb.Append("| kind | inputs | ").AppendJoin(" | ", outcomes.Select(Wire.Name)).Append(" |\n");
        sb.Append("|---|---:|").Append(string.Concat(outcomes.Select(_ => "---:|"))).Append('\n');
        foreach (var kind in FuzzInputs.Kinds.Append("total"))
        {
            var rows = kind == "total" ? results : results.Where(r => r.Case.Kind == kind).ToList();
            sb.Append($"| {kind} | {rows.Count} | ").AppendJoin(" | ", outcomes.Select(o => rows.Count(r => r.Outcome == o))).Append(" |\n");
        }
        return sb.ToString();
    }

    public static bool IsDefect(FuzzOutcome o) => o is not (FuzzOutcome.Accepted or FuzzOutcome.Rejected);
}
