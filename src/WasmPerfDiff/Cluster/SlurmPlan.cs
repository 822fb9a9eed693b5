using System.Globalization;
using System.Text;
using static WasmPerfDiff.Cluster.ClusterPlan;

namespace WasmPerfDiff.Cluster;

/// <summary>
/// <c>plan slurm</c>: a job array with one task per shard (<c>shards.sbatch</c>), a merge job that imports every
/// shard and writes the report (<c>merge.sbatch</c>), and <c>submit.sh</c>, which submits both, the merge with
/// <c>--dependency=afterok</c> on the array, and prints their job ids. A task resubmitted after a failure
/// (<c>sbatch --array=I shards.sbatch</c>) resumes its shard's database.
/// </summary>
public static class SlurmPlan
{
    public const string ShardScript = "shards.sbatch";
    public const string MergeScript = "merge.sbatch";
    public const string SubmitScript = "submit.sh";

    public static ClusterPlanResult Write(ClusterPlanRequest request)
    {
        request.Validate();
        var shards = Estimate(request);
        var limit = TimeLimit(shards, request.TimeMargin);
        var dir = Path.GetFullPath(request.OutputDirectory);
        Directory.CreateDirectory(Path.Combine(dir, "logs"));
        var tool = request.Tool ?? CurrentTool();
        var files = new[]
        {
            ClusterPlan.Write(dir, ShardScript, Shards(request, shards, limit, tool, dir)),
            ClusterPlan.Write(dir, MergeScript, Merge(request, tool, dir)),
            ClusterPlan.Write(dir, SubmitScript, Submit(), executable: true),
        };
        if (CarryConfig(request, dir) is { } config) files = [.. files, config];
        return new ClusterPlanResult(dir, files, files[2], shards, limit);
    }

    private static string Header(ClusterPlanRequest r, string name, string log)
    {
        var b = new StringBuilder("#!/bin/bash\n");
        b.Append("#SBATCH --job-name=").Append(name).Append('\n');
        // Paths in #SBATCH lines are not shell words and cannot be quoted: the logs go beside the scripts,
        // by names of ours, relative to the folder sbatch is called in (submit.sh goes there first).
        b.Append("#SBATCH --output=logs/").Append(log).Append(".out\n");
        b.Append("#SBATCH --error=logs/").Append(log).Append(".err\n");
        if (r.Partition is { } p)
        {
            if (!p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ',' or '.'))
                throw new BadInputException($"'{p}' is not a Slurm partition name", nameof(r.Partition));
            b.Append("#SBATCH --partition=").Append(p).Append('\n');
        }
        return b.ToString();
    }

    private static string Environment(string dir, IReadOnlyList<string> tool)
    {
        // Jobs may start with little of the submitter's environment: name everything the tool needs.
        var b = new StringBuilder("set -euo pipefail\n");
        b.Append("cd ").Append(ShellQuote(dir)).Append('\n');
        b.Append("if [ -z \"${HOME:-}\" ]; then export HOME=").Append(ShellQuote(dir)).Append("; fi\n");
        b.Append("export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1\n");
        b.Append("tool=(").Append(ShellLine(tool)).Append(")\n");
        return b.ToString();
    }

    private static string Shards(ClusterPlanRequest r, IReadOnlyList<ShardEstimate> shards, TimeSpan limit, IReadOnlyList<string> tool, string dir)
    {
        var n = r.Shards.ToString(CultureInfo.InvariantCulture);
        var b = new StringBuilder(Header(r, "perfdiff-shard", "shard-%a"));
        b.Append("#SBATCH --array=1-").Append(n);
        if (r.Concurrency is { } k) b.Append('%').Append(k.ToString(CultureInfo.InvariantCulture));
        b.Append('\n');
        b.Append("#SBATCH --ntasks=1\n");
        if (r.Exclusive) b.Append("#SBATCH --exclusive\n");
        b.Append("#SBATCH --time=").Append(SlurmTime(limit)).Append('\n');
        b.Append("# One task per shard of ").Append(n).Append("; expected (runs × manifest native time):");
        foreach (var s in shards) b.Append(CultureInfo.InvariantCulture, $" {s.Index}: {s.Expected.TotalMinutes:0.#} min;");
        b.Append("\n# Written by wasm-perfdiff plan slurm. Resubmit a failed task with: sbatch --array=I ").Append(ShardScript).Append('\n');
        b.Append(Environment(dir, tool));
        b.Append("index=${SLURM_ARRAY_TASK_ID:?run this script as a Slurm job array task}\n");
        var stem = Path.GetFileNameWithoutExtension(r.Database);
        var ext = Path.GetExtension(r.Database) is { Length: > 0 } e ? e : ".db";
        b.Append("shard_db=").Append(ShellQuote(stem + ".shard-")).Append("\"$index\"").Append(ShellQuote($"-of-{n}{ext}")).Append('\n');
        b.Append("resume=()\n");
        b.Append("# A shard that already started (its task failed or timed out) continues where it stopped.\n");
        b.Append("if [ -e \"$shard_db\" ]; then resume=(--resume); fi\n");
        b.Append("exec \"${tool[@]}\" run --shard \"$index/").Append(n).Append("\" --db \"$shard_db\" \"${resume[@]}\" ")
            .Append(ShellLine(RunOptions(r))).Append('\n');
        return b.ToString();
    }

    private static string Merge(ClusterPlanRequest r, IReadOnlyList<string> tool, string dir)
    {
        var n = r.Shards.ToString(CultureInfo.InvariantCulture);
        var stem = Path.GetFileNameWithoutExtension(r.Database);
        var ext = Path.GetExtension(r.Database) is { Length: > 0 } e ? e : ".db";
        var b = new StringBuilder(Header(r, "perfdiff-merge", "merge"));
        b.Append("#SBATCH --ntasks=1\n#SBATCH --time=01:00:00\n");
        b.Append("# Written by wasm-perfdiff plan slurm: runs after every shard succeeded (submit.sh: --dependency=afterok).\n");
        b.Append(Environment(dir, tool));
        b.Append("db=").Append(ShellQuote(r.Database)).Append('\n');
        b.Append("for index in $(seq 1 ").Append(n).Append("); do\n");
        b.Append("  \"${tool[@]}\" import db ").Append(ShellQuote(stem + ".shard-")).Append("\"$index\"").Append(ShellQuote($"-of-{n}{ext}")).Append(" --db \"$db\"\n");
        b.Append("done\n");
        b.Append("\"${tool[@]}\" report --db \"$db\" --out report.html --md report.md\n");
        b.Append("echo \"report: $PWD/report.html\"\n");
        return b.ToString();
    }

    private static string Submit() =>
        "#!/bin/bash\n"
        + "# Written by wasm-perfdiff plan slurm: submits the shards' job array and the merge job that waits for it.\n"
        + "set -euo pipefail\n"
        + "cd \"$(dirname \"$0\")\"\n"
        + "mkdir -p logs\n"
        + $"shards=$(sbatch --parsable {ShardScript})\n"
        + "shards=${shards%%;*}\n"
        + $"merge=$(sbatch --parsable --dependency=afterok:\"$shards\" {MergeScript})\n"
        + "merge=${merge%%;*}\n"
        + "echo \"shards=$shards merge=$merge\"\n";
}
