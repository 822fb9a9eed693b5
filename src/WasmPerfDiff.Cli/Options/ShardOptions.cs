using System.CommandLine;
using WasmPerfDiff.Campaigns;

namespace WasmPerfDiff.Cli.Options;

/// <summary><c>run</c>'s options that split a campaign over machines (<see cref="CampaignShard"/>).</summary>
public sealed class ShardOptions
{
    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "run shard I of N (1-based, e.g. 3/8) into --db, or campaign.shard-I-of-N.db when --db is not given; default: from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX (0-based) with --shard-count or " + CampaignShard.CountVariable,
    };
    public Option<int?> ShardCount { get; } = new("--shard-count") { Description = "number of shards when the index comes from JOB_COMPLETION_INDEX (Kubernetes Indexed Job)" };
    public Option<string?> ShardCosts { get; } = new("--shard-costs") { Description = "an earlier campaign database whose medians balance the shards (default: the manifest's native times)" };

    public IEnumerable<Option> All => [Shard, ShardCount, ShardCosts];

    public CampaignShard? Read(ParseResult pr) =>
        CampaignShard.Resolve(pr.GetValue(Shard), pr.GetValue(ShardCount), Environment.GetEnvironmentVariables());
}
