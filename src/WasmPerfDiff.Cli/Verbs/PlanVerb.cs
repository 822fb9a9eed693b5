using System.CommandLine;
using System.Globalization;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>
/// <c>plan slurm|k8s --shards N …</c>: writes the job scripts of a campaign split into N shards (a job array or
/// an Indexed Job, then a merge job that imports every shard and writes the report) and a submit script.
/// Exit 0: written; 2: bad usage.
/// </summary>
public static class PlanVerb
{
    public static Command Create() =>
        new("plan", "write the job scripts that run a campaign as shards on a cluster and merge them")
        {
            Subcommands =
            {
                Scheduler(ClusterScheduler.Slurm, "a Slurm job array (one task per shard) and a merge job depending on it"),
                Scheduler(ClusterScheduler.K8s, "a Kubernetes Indexed Job (one pod per shard) and a merge Job"),
            },
        };

    private static Command Scheduler(ClusterScheduler scheduler, string description)
    {
        var options = new PlanOptions();
        var cmd = new Command(scheduler.ToWire(), description);
        foreach (var o in options.All(scheduler == ClusterScheduler.K8s)) cmd.Options.Add(o);
        cmd.SetAction((ParseResult pr) =>
        {
            var result = PlanWorkflow.Write(scheduler, options.Read(pr), pr.GetValue(CommonOptions.Config));
            foreach (var s in result.Shards)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"shard {s.Index}/{result.Shards.Count}: {s.Cases.Count} case(s), expected {s.Expected.TotalMinutes:0.0} min"));
            Console.WriteLine($"time limit per shard: {result.TimeLimit}");
            foreach (var f in result.Files) Console.WriteLine($"wrote {f}");
            Console.WriteLine($"submit with: {result.SubmitScript}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
