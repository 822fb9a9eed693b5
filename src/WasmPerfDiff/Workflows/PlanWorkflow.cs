using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Cluster;

namespace WasmPerfDiff.Workflows;

/// <summary>Which scheduler <c>plan</c> writes for.</summary>
public enum ClusterScheduler { Slurm, K8s }

/// <summary><c>plan slurm|k8s</c>: the job scripts of a campaign split into shards (see <see cref="SlurmPlan"/>, <see cref="KubernetesPlan"/>).</summary>
public static class PlanWorkflow
{
    public static ClusterPlanResult Write(ClusterScheduler scheduler, ClusterPlanRequest request, string? configPath)
    {
        // The shards run with the config this plan was made with (copied beside the scripts), not whatever a node finds.
        request = request with { ConfigFile = Runtimes.RuntimeConfig.Locate(configPath) is { } config ? Path.GetFullPath(config) : null };
        // With no runtimes named, every available one runs: count them for the time estimate.
        if (request.Settings.Runtimes.Count == 0)
            request = request with { DefaultRuntimeCount = CampaignRuntimes.Resolve([], configPath).Count };
        return scheduler == ClusterScheduler.Slurm ? SlurmPlan.Write(request) : KubernetesPlan.Write(request);
    }
}
