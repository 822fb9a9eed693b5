using System.Diagnostics;

namespace WasmPerfDiff.Tests.Reporting;

/// <summary>
/// Debian's chromium, headless, as a user's browser would open the report: a fresh profile each time,
/// no network services, console messages logged to stderr so page errors can be seen.
/// </summary>
public static class HeadlessChromium
{
    public const string Binary = "/usr/bin/chromium";

    public sealed record Result(string Stdout, string Stderr)
    {
        /// <summary>Console output of the page (Chromium logs it as "...:CONSOLE(line)] message") and uncaught errors.</summary>
        public IReadOnlyList<string> ConsoleLines =>
            Stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)).ToList();
    }

    public static Result DumpDom(string htmlPath) => Run(htmlPath, "--dump-dom");

    public static Result Screenshot(string htmlPath, string pngPath, int width = 1280, int height = 2000) =>
        Run(htmlPath, $"--screenshot={pngPath}", $"--window-size={width},{height}");

    private static Result Run(string htmlPath, params string[] extra)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: apt-get install chromium (scripts/install-deps.sh)");
        var profile = Directory.CreateTempSubdirectory("perfdiff-chromium-").FullName;
        var psi = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                 }.Concat(extra))
            psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in 90 s");
        }
        p.WaitForExit();
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } // chromium may still hold a lock file
        return new Result(stdout.Result, stderr.Result);
    }
}
