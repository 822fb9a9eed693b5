using System.Diagnostics;
using System.Security.Cryptography;

namespace WasmPerfDiff.Tests.Corpus;

/// <summary>Runs a program (native, or wasm through node's WASI) and returns the SHA-256 of its stdout.</summary>
public static class OutputHash
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static string? NodePath => new[] { "/usr/bin/node", "/usr/local/bin/node" }.FirstOrDefault(File.Exists);

    public static string Native(string exe, IReadOnlyList<string> args, string? stdin) => Run(exe, args, stdin);

    /// <summary>node runs the module with the corpus's WASI runner (preview1).</summary>
    public static string Wasm(string wasm, IReadOnlyList<string> args, string? stdin) =>
        Run(NodePath!, ["--no-warnings", Path.Combine(CorpusPaths.Directory, "tools", "run-wasi.mjs"), wasm, .. args], stdin);

    private static string Run(string file, IReadOnlyList<string> args, string? stdin)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var feed = Task.Run(async () =>
        {
            if (stdin != null)
                await using (var f = File.OpenRead(stdin))
                    await f.CopyToAsync(p.StandardInput.BaseStream);
            p.StandardInput.Close();
        });
        using var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(Limit))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {Limit}");
        }
        Task.WaitAll(copy, stderr, feed);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {p.ExitCode}: {stderr.Result}");
        Assert.Contains("@perfdiff begin ", stderr.Result);
        Assert.Contains("@perfdiff end ", stderr.Result);
        return Convert.ToHexStringLower(SHA256.HashData(stdout.ToArray()));
    }
}
