using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Cli;

/// <summary>The JSON shape of one run (exec, run and export share it).</summary>
public static class RunJson
{
    public static Dictionary<string, object?> From(RunResult r) => new()
    {
        ["runtime"] = r.Runtime,
        ["status"] = r.Status.ToWire(),
        ["exit_code"] = r.ExitCode,
        ["signal"] = r.Signal,
        ["wall_ms"] = Math.Round(r.WallMs, 3),
        ["user_ms"] = Math.Round(r.UserMs, 3),
        ["sys_ms"] = Math.Round(r.SysMs, 3),
        ["max_rss_kb"] = r.MaxRssKb > 0 ? r.MaxRssKb : null, // 0 = unknown (see RunResult)
        ["stdout_bytes"] = r.StdoutBytes,
        ["stdout_sha256"] = r.StdoutSha256,
        ["stderr_bytes"] = r.StderrBytes,
        ["phases"] = r.Phases.Named().Where(p => p.Ms is not null).ToDictionary(p => p.Name, p => (object?)Math.Round(p.Ms!.Value, 3)),
        ["message"] = r.Message,
    };
}
