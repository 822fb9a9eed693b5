using System.Globalization;
using System.Text;
using static WasmPerfDiff.Cluster.ClusterPlan;

namespace WasmPerfDiff.Cluster;

/// <summary>
/// <c>plan k8s</c>: an Indexed Job with one pod per shard (<c>shards.yaml</c>; the pod's 0-based
/// <c>JOB_COMPLETION_INDEX</c> and <see cref="Campaigns.CampaignShard.CountVariable"/> pick the shard), a merge
/// Job (<c>merge.yaml</c>), and <c>submit-k8s.sh</c>, which applies the first, waits until it completes or fails
/// (Kubernetes has no job dependencies) and applies the second only when it completed. Shards and merge meet on a
/// volume claim mounted at /work. A shard pod owns its cores (CPU requests = limits, <see cref="ClusterPlanRequest.CpusPerShard"/>)
/// and prefers a node without another shard: preferred, not required, so a cluster with fewer nodes than shards
/// running at once still schedules them all.
/// </summary>
public static class KubernetesPlan
{
    public const string ShardManifest = "shards.yaml";
    public const string MergeManifest = "merge.yaml";
    public const string SubmitScript = "submit-k8s.sh";
    public const string WorkDir = "/work";

    public static ClusterPlanResult Write(ClusterPlanRequest request)
    {
        request.Validate();
        var shards = Estimate(request);
        var limit = TimeLimit(shards, request.TimeMargin);
        var dir = Path.GetFullPath(request.OutputDirectory);
        Directory.CreateDirectory(dir);
        var tool = request.Tool ?? ["wasm-perfdiff"];
        var files = new[]
        {
            ClusterPlan.Write(dir, ShardManifest, Shards(request, limit, tool)),
            ClusterPlan.Write(dir, MergeManifest, Merge(request, tool)),
            ClusterPlan.Write(dir, SubmitScript, Submit(limit), executable: true),
        };
        if (CarryConfig(request, dir) is { } config) files = [.. files, config];
        return new ClusterPlanResult(dir, files, files[2], shards, limit);
    }

    private static string Pod(ClusterPlanRequest r, string container, string script, bool shard, IEnumerable<(string, string)> env)
    {
        var b = new StringBuilder();
        b.Append("  template:\n    metadata:\n      labels:\n        app: \"wasm-perfdiff\"\n        role: ").Append(YamlQuote(container)).Append('\n');
        b.Append("    spec:\n      restartPolicy: Never\n");
        if (shard && r.Exclusive)
            b.Append("      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n")
             .Append("          - weight: 100\n            podAffinityTerm:\n")
             .Append("              topologyKey: \"kubernetes.io/hostname\"\n              labelSelector:\n                matchLabels:\n")
             .Append("                  app: \"wasm-perfdiff\"\n                  role: \"shard\"\n");
        b.Append("      containers:\n      - name: ").Append(YamlQuote(container)).Append('\n');
        b.Append("        image: ").Append(YamlQuote(r.Image)).Append('\n');
        b.Append("        workingDir: ").Append(YamlQuote(WorkDir)).Append('\n');
        b.Append("        command: [\"/bin/sh\", \"-c\", ").Append(YamlQuote(script)).Append("]\n");
        if (shard)
        {
            // Requests = limits in whole cores: the scheduler reserves them and no other pod's work lands on them (with the
            // kubelet's static CPU manager policy they become the pod's own cpuset), like Slurm's --exclusive.
            var cpus = YamlQuote(r.CpusPerShard.ToString(CultureInfo.InvariantCulture));
            b.Append("        resources:\n          requests:\n            cpu: ").Append(cpus).Append("\n          limits:\n            cpu: ").Append(cpus).Append('\n');
        }
        b.Append("        env:\n");
        foreach (var (k, v) in env) b.Append("        - name: ").Append(YamlQuote(k)).Append("\n          value: ").Append(YamlQuote(v)).Append('\n');
        b.Append("        volumeMounts:\n        - name: \"work\"\n          mountPath: ").Append(YamlQuote(WorkDir)).Append('\n');
        b.Append("      volumes:\n      - name: \"work\"\n        persistentVolumeClaim:\n          claimName: ").Append(YamlQuote(r.VolumeClaim)).Append('\n');
        return b.ToString();
    }

    private static string Shards(ClusterPlanRequest r, TimeSpan limit, IReadOnlyList<string> tool)
    {
        var n = r.Shards.ToString(CultureInfo.InvariantCulture);
        var stem = Path.GetFileNameWithoutExtension(r.Database);
        var ext = Path.GetExtension(r.Database) is { Length: > 0 } e ? e : ".db";
        // The shard number is JOB_COMPLETION_INDEX + 1; a pod retried after a failure resumes its shard.
        var script = "set -eu\n"
            + $"shard_db={ShellQuote(stem + ".shard-")}\"$((JOB_COMPLETION_INDEX + 1))\"{ShellQuote($"-of-{n}{ext}")}\n"
            + "resume=\"\"\nif [ -e \"$shard_db\" ]; then resume=--resume; fi\n"
            + $"exec {ShellLine(tool)} run --db \"$shard_db\" $resume {ShellLine(RunOptions(r))}\n";
        var b = new StringBuilder("# Written by wasm-perfdiff plan k8s: one pod per shard (an Indexed Job).\n");
        b.Append("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: \"wasm-perfdiff-shards\"\nspec:\n");
        b.Append("  completionMode: Indexed\n  completions: ").Append(n).Append("\n  parallelism: ")
            .Append((r.Concurrency ?? r.Shards).ToString(CultureInfo.InvariantCulture)).Append('\n');
        b.Append("  backoffLimit: ").Append((2 * r.Shards).ToString(CultureInfo.InvariantCulture)).Append('\n');
        b.Append("  activeDeadlineSeconds: ").Append(((long)(limit.TotalSeconds * Math.Ceiling(r.Shards / (double)(r.Concurrency ?? r.Shards)))).ToString(CultureInfo.InvariantCulture)).Append('\n');
        b.Append(Pod(r, "shard", script, shard: true, [(Campaigns.CampaignShard.CountVariable, n), ("DOTNET_CLI_TELEMETRY_OPTOUT", "1")]));
        return b.ToString();
    }

    private static string Merge(ClusterPlanRequest r, IReadOnlyList<string> tool)
    {
        var n = r.Shards.ToString(CultureInfo.InvariantCulture);
        var stem = Path.GetFileNameWithoutExtension(r.Database);
        var ext = Path.GetExtension(r.Database) is { Length: > 0 } e ? e : ".db";
        var script = "set -eu\n"
            + $"for index in $(seq 1 {n}); do {ShellLine(tool)} import db {ShellQuote(stem + ".shard-")}\"$index\"{ShellQuote($"-of-{n}{ext}")} --db {ShellQuote(r.Database)}; done\n"
            + $"{ShellLine(tool)} report --db {ShellQuote(r.Database)} --out report.html --md report.md\n";
        var b = new StringBuilder("# Written by wasm-perfdiff plan k8s: merges every shard and writes the report (applied by submit-k8s.sh once the shards completed).\n");
        b.Append("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: \"wasm-perfdiff-merge\"\nspec:\n  backoffLimit: 1\n");
        b.Append(Pod(r, "merge", script, shard: false, [("DOTNET_CLI_TELEMETRY_OPTOUT", "1")]));
        return b.ToString();
    }

    private static string Submit(TimeSpan limit) =>
        "#!/bin/bash\n"
        + "# Written by wasm-perfdiff plan k8s: runs the shards, waits until they complete or fail, then the merge.\n"
        + "set -euo pipefail\n"
        + "cd \"$(dirname \"$0\")\"\n"
        // kubectl wait takes one condition, and a wait for complete sits out its whole timeout when the job fails:
        // wait for each condition in the background, stop at the first to end, then ask the job which it reached.
        + "wait_job() {\n"
        + "  local job=$1 timeout=$2 complete failed state\n"
        + "  kubectl wait --for=condition=complete \"job/$job\" --timeout=\"$timeout\" >/dev/null 2>&1 & complete=$!\n"
        + "  kubectl wait --for=condition=failed \"job/$job\" --timeout=\"$timeout\" >/dev/null 2>&1 & failed=$!\n"
        + "  wait -n || true\n"
        + "  kill \"$complete\" \"$failed\" 2>/dev/null || true\n"
        + "  wait \"$complete\" \"$failed\" 2>/dev/null || true\n"
        + "  state=$(kubectl get \"job/$job\" -o jsonpath='{.status.conditions[?(@.status==\"True\")].type}')\n"
        + "  case \" $state \" in\n"
        + "    *\" Complete \"*) echo \"job/$job: complete\" ;;\n"
        + "    *\" Failed \"*) echo \"job/$job: failed (kubectl describe job/$job; kubectl logs job/$job)\" >&2; return 1 ;;\n"
        + "    *) echo \"job/$job: neither complete nor failed within $timeout (conditions: ${state:-none})\" >&2; return 1 ;;\n"
        + "  esac\n"
        + "}\n"
        + $"kubectl apply -f {ShardManifest}\n"
        + $"wait_job wasm-perfdiff-shards {(long)Math.Ceiling(limit.TotalSeconds) * 4}s\n"
        + $"kubectl apply -f {MergeManifest}\n"
        + "wait_job wasm-perfdiff-merge 3600s\n"
        + "echo \"shards=wasm-perfdiff-shards merge=wasm-perfdiff-merge\"\n";
}
