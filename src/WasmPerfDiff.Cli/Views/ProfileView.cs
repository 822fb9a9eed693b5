using System.Globalization;
using WasmPerfDiff.Profiling;

namespace WasmPerfDiff.Cli.Views;

/// <summary>Console output of <c>profile</c>: per runtime the samples and top guest functions, then what grew against the other runtime.</summary>
public static class ProfileView
{
    public static void PrintFindings(IReadOnlyList<FindingProfile> profiles, string outDir, string index)
    {
        if (profiles.Count == 0)
            Console.WriteLine("no timing findings to profile (or none whose runtimes are available here)");
        else if (profiles.All(p => p.Skipped is not null))
            Console.WriteLine("no finding a profile can explain: each is listed with the reason it was skipped");
        foreach (var p in profiles)
        {
            var factor = p.Factor is double x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "?";
            // Only a profiled finding has a folder of files.
            var folder = p.Profile is null ? "" : $": {Path.Combine(outDir, p.Folder)}";
            Console.WriteLine($"== {p.Case} on {p.Runtime} ({Wire.Name(p.Kind)}, {factor}, {(p.Verdict is { } v ? Wire.Name(v) : "")}) vs {p.Peer}{folder}");
            if (p.Profile is not null) Print(p.Profile);
            else if (p.Skipped is not null) Console.WriteLine($"  skipped: {p.Skipped}");
            else Console.WriteLine($"  not profiled: {p.Error}");
        }
        Console.WriteLine($"index for the report: {index}");
    }

    public static void Print(ProfileResult result)
    {
        foreach (var p in new[] { result.A, result.B }.OfType<RuntimeProfile>())
        {
            Console.WriteLine($"{p.Runtime}: {p.Samples} samples, {Pct(p.GuestShare)} in guest code  ->  {p.SvgPath}");
            if (p.Caveat is not null) Console.WriteLine($"  caution: {p.Caveat}");
            if (p.GuestTierSamples.Count > 0)
            {
                var tiered = p.GuestTierSamples.Values.Sum();
                Console.WriteLine("  guest code by JIT tier: " + string.Join(", ",
                    p.GuestTierSamples.OrderByDescending(t => t.Value).Select(t => $"{t.Key} {Pct((double)t.Value / tiered)}")));
            }
            if (p.TopGuestFunctions.Count == 0 && p.Caveat is null)
                Console.WriteLine("  no samples in guest code (an interpreter, a runtime without JIT symbol maps, or a run too short: give it more work or a higher --frequency)");
            foreach (var f in p.TopGuestFunctions)
                Console.WriteLine($"  {Pct(f.SelfShare),7}  {Ms(f.SelfMs),9}  {f.Function}");
        }
        if (result.B is null)
            return;
        Console.WriteLine($"guest functions whose share grew most from {result.B.Runtime} to {result.A.Runtime}:");
        if (result.GrowthFromBToA.Count == 0)
            Console.WriteLine("  none");
        foreach (var g in result.GrowthFromBToA)
            Console.WriteLine($"  {PointChange(g.Change),9}  {g.Function} ({Pct(g.ShareA)} vs {Pct(g.ShareB)}; {Ms(g.MsA)} vs {Ms(g.MsB)})");
        Console.WriteLine($"differential flame graph: {result.DifferentialSvgPath}");
    }

    private static string Pct(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double ms) => ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string PointChange(double change) => (100 * change).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pp";

    /// <summary>Says on stderr which profiled runs failed or hit the timeout; true when any did.</summary>
    public static bool ReportFailures(ProfileResult result, double timeoutSeconds)
    {
        var failed = new[] { result.A, result.B }.OfType<RuntimeProfile>().Where(p => p.ExitCode != 0 || p.TimedOut).ToList();
        foreach (var p in failed)
            Console.Error.WriteLine(p.TimedOut
                ? $"wasm-perfdiff: the program did not finish within {timeoutSeconds:0.#} s on {p.Runtime}; its profile covers the time until it was stopped"
                : $"wasm-perfdiff: the program exited {p.ExitCode} on {p.Runtime}; its profile is of a failing run");
        return failed.Count > 0;
    }
}
