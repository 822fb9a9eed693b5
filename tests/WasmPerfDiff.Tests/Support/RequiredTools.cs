namespace WasmPerfDiff.Tests.Support;

/// <summary>
/// Tests that need a tool the README's fresh machine may lack (Chromium, clang, perf) skip with the reason when it is
/// missing, so <c>dotnet test</c> passes on a machine with only the .NET SDK. CI must not quietly skip them: it sets
/// <c>WASM_PERFDIFF_REQUIRE=chromium,clang,perf</c> (see .ci/run), and then a missing tool is not skipped but runs and fails.
/// </summary>
public static class RequiredTools
{
    public const string Variable = "WASM_PERFDIFF_REQUIRE";

    public static bool IsRequired(string tool) =>
        (Environment.GetEnvironmentVariable(Variable) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(tool, StringComparer.OrdinalIgnoreCase);

    /// <summary>The skip reason for a test needing <paramref name="tool"/>: null when present, or when required (the test then fails).</summary>
    public static string? SkipReason(string tool, string? missing) =>
        missing is null || IsRequired(tool) ? null : $"{missing} (skipped; set {Variable}={tool} to make this a failure)";

    public static string? MissingFromPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, program))) ? null : $"{program} is not on PATH";
}

/// <summary>A fact that needs headless Chromium (<see cref="Reporting.HeadlessChromium.Binary"/>).</summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute() =>
        Skip = RequiredTools.SkipReason("chromium",
            File.Exists(Reporting.HeadlessChromium.Binary) ? null : $"{Reporting.HeadlessChromium.Binary} is missing: apt-get install chromium");
}

/// <summary>A fact that needs Linux perf on PATH, allowed to sample the user's own processes.</summary>
public sealed class RequiresPerfFactAttribute : FactAttribute
{
    public RequiresPerfFactAttribute() => Skip = RequiredTools.SkipReason("perf", RequiredTools.MissingFromPath("perf") ?? Paranoid());

    /// <summary>At kernel.perf_event_paranoid 3 (a Debian patch) or above, only root may sample; 2 allows user space of one's own processes.</summary>
    private static string? Paranoid()
    {
        const string setting = "/proc/sys/kernel/perf_event_paranoid";
        if (Environment.UserName == "root" || !File.Exists(setting)) return null;
        return int.TryParse(File.ReadAllText(setting).Trim(), out var level) && level > 2
            ? $"kernel.perf_event_paranoid is {level}: perf may not sample here (sysctl kernel.perf_event_paranoid=2)"
            : null;
    }
}
