using System.CommandLine;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Cluster;

namespace WasmPerfDiff.Cli.Options;

/// <summary><c>plan</c>'s options: the campaign (as <c>run</c> takes it), the shards and the scheduler's settings.</summary>
public sealed class PlanOptions
{
    private static readonly CampaignSettings Defaults = new();
    private static readonly ClusterPlanRequest PlanDefaults = new() { Shards = 1, OutputDirectory = "." };

    public Option<int> Shards { get; } = new("--shards") { Description = "number of shards (job array tasks / pods)", Required = true };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "folder for the scripts, the shard databases, logs and the report (shared by the nodes)", DefaultValueFactory = _ => "cluster" };
    public Option<string> Db { get; } = new("--db") { Description = "database name: shards write NAME.shard-I-of-N.db, the merge NAME", DefaultValueFactory = _ => CampaignDbOption.DefaultFile };
    public Option<string?> Corpus { get; } = CaseOptions.Corpus("corpus directory as the nodes see it (default: the tool's search)");
    public Option<string?> Cases { get; } = CaseOptions.Cases("case names or globs, comma-separated");
    public Option<string[]> Runtime { get; } = CommonOptions.Runtimes();
    public Option<string> Size { get; } = CaseOptions.Size();
    public Option<int> Warmup { get; } = new("--warmup") { Description = "unmeasured runs per cell first", DefaultValueFactory = _ => Defaults.Warmup };
    public Option<int> MinRuns { get; } = new("--min-runs") { Description = "measured runs per cell before it may stop", DefaultValueFactory = _ => Defaults.MinRuns };
    public Option<int> MaxRuns { get; } = new("--max-runs") { Description = "measured runs per cell at most", DefaultValueFactory = _ => Defaults.MaxRuns };
    public Option<int?> Concurrency { get; } = new("--concurrency") { Description = "shards running at once (Slurm %K, Kubernetes parallelism; default all)" };
    public Option<bool> Shared { get; } = new("--shared") { Description = "let shards share nodes (default: whole nodes, --exclusive)" };
    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition (default: the cluster's)" };
    public Option<double> TimeMargin { get; } = new("--time-margin") { Description = "task time limit = the heaviest shard's expected time × this", DefaultValueFactory = _ => PlanDefaults.TimeMargin };
    public Option<string> Image { get; } = new("--image") { Description = "Kubernetes: container image with the tool and corpus", DefaultValueFactory = _ => PlanDefaults.Image };
    public Option<int> CpusPerShard { get; } = new("--cpus-per-shard") { Description = "Kubernetes: whole cores each shard pod requests and is limited to (requests = limits: a shard owns its cores)", DefaultValueFactory = _ => PlanDefaults.CpusPerShard };
    public Option<string> VolumeClaim { get; } = new("--volume-claim") { Description = "Kubernetes: PersistentVolumeClaim mounted at /work", DefaultValueFactory = _ => PlanDefaults.VolumeClaim };

    public IEnumerable<Option> All(bool kubernetes) =>
        new Option[] { Shards, Out, Db, Corpus, Cases, Runtime, Size, Warmup, MinRuns, MaxRuns, Concurrency, Shared, TimeMargin }
            .Concat(kubernetes ? [Image, VolumeClaim, CpusPerShard] : [Partition]);

    public ClusterPlanRequest Read(ParseResult pr) => new()
    {
        Shards = pr.GetValue(Shards), OutputDirectory = pr.GetValue(Out)!, Database = pr.GetValue(Db)!,
        CorpusDirectory = pr.GetValue(Corpus) is { } c ? Path.GetFullPath(c) : null,
        Concurrency = pr.GetValue(Concurrency), Exclusive = !pr.GetValue(Shared), Partition = pr.GetValue(Partition),
        TimeMargin = pr.GetValue(TimeMargin), Image = pr.GetValue(Image)!, VolumeClaim = pr.GetValue(VolumeClaim)!,
        CpusPerShard = pr.GetResult(CpusPerShard) is null ? PlanDefaults.CpusPerShard : pr.GetValue(CpusPerShard),
        Settings = new CampaignSettings
        {
            Corpus = pr.GetValue(Corpus) is { } corpus ? Path.GetFullPath(corpus) : null,
            CasesGlob = pr.GetValue(Cases), Runtimes = CommonOptions.SplitList(pr.GetValue(Runtime)), Size = pr.GetValue(Size)!,
            Warmup = pr.GetValue(Warmup), MinRuns = pr.GetValue(MinRuns), MaxRuns = pr.GetValue(MaxRuns),
        },
    };
}
