using System.Collections;
using System.Globalization;

namespace WasmPerfDiff.Campaigns;

/// <summary>
/// One shard of a campaign split over machines: shard <see cref="Index"/> of <see cref="Count"/>, 1-based
/// (<c>run --shard 3/8</c> is the third of eight). A shard runs a fixed subset of the cases, and every selected
/// runtime on each of them, so every cross-runtime ratio of a case is measured on one machine. Stored in the
/// campaign's settings with the cases it chose, so <c>run --resume</c> of a shard continues exactly those.
/// </summary>
public sealed record CampaignShard(int Index, int Count)
{
    /// <summary>Environment variable giving the shard count to a Kubernetes Indexed Job (whose
    /// <c>JOB_COMPLETION_INDEX</c> is 0-based) when <c>--shard-count</c> is not given.</summary>
    public const string CountVariable = "WASM_PERFDIFF_SHARD_COUNT";

    /// <summary>The cases this shard runs, chosen when the shard started (null until then).</summary>
    public IReadOnlyList<string>? Cases { get; init; }

    /// <summary>The machine's name where the shard started (<see cref="Environment.MachineName"/>): which node ran its cases.</summary>
    public string? Node { get; init; }

    /// <summary>Where the expected costs that balanced the shards came from: "manifest" or an earlier campaign database.</summary>
    public string? CostSource { get; init; }

    /// <summary><c>I/N</c>, 1 ≤ I ≤ N.</summary>
    public static CampaignShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new BadInputException($"'{text}' is not a shard: write I/N, e.g. 3/8 (the third of eight, counted from 1)", "Shard");
        return Checked(index, count, "Shard");
    }

    private static CampaignShard Checked(int index, int count, string field)
    {
        if (count < 1) throw new BadInputException($"a campaign splits into at least 1 shard, not {count}", field);
        if (index < 1 || index > count) throw new BadInputException($"shard {index} of {count} does not exist: shards count from 1 to {count}", field);
        return new CampaignShard(index, count);
    }

    /// <summary>
    /// The shard a job asks for: <paramref name="option"/> (<c>I/N</c>) when given; else a Slurm job array's task
    /// (<c>SLURM_ARRAY_TASK_ID</c> of <c>SLURM_ARRAY_TASK_COUNT</c>, plus one when the array counts from 0; the
    /// whole array must have been submitted: a task resubmitted alone needs <c>--shard I/N</c>);
    /// else a Kubernetes Indexed Job's <c>JOB_COMPLETION_INDEX</c> (0-based) of <paramref name="count"/> or
    /// <see cref="CountVariable"/>. Null when none applies: the campaign is not sharded.
    /// </summary>
    public static CampaignShard? Resolve(string? option, int? count, IDictionary environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            var s = Parse(option.Trim());
            if (count is { } c && c != s.Count) throw new BadInputException($"shard {option} and a count of {c} disagree", "ShardCount");
            return s;
        }
        string? Env(string name) => environment[name] as string is { Length: > 0 } v ? v : null;
        int? Number(string name)
        {
            if (Env(name) is not { } v) return null;
            return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                : throw new BadInputException($"environment variable {name}='{v}' is not a number", "Shard");
        }
        if (Number("SLURM_ARRAY_TASK_ID") is { } task)
        {
            var total = count ?? Number("SLURM_ARRAY_TASK_COUNT")
                ?? throw new BadInputException("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: give --shard I/N", "Shard");
            // Arrays count from 1 (--array=1-N) or from 0 (--array=0-N-1). A partial resubmission (--array=3) says
            // COUNT=1, so the shard would be 3 of 1: refused, where counting from MIN would silently run everything.
            var fromZero = Number("SLURM_ARRAY_TASK_MIN") == 0;
            return Checked(fromZero ? task + 1 : task, total, "Shard");
        }
        if (Number("JOB_COMPLETION_INDEX") is { } completion)
        {
            var total = count ?? Number(CountVariable)
                ?? throw new BadInputException($"JOB_COMPLETION_INDEX is set but no shard count: give --shard-count N or set {CountVariable}", "ShardCount");
            return Checked(completion + 1, total, "Shard");
        }
        if (count is not null) throw new BadInputException("a shard count without a shard index: give --shard I/N", "ShardCount");
        return null;
    }

    /// <summary>The database a shard writes: <c>campaign.db</c> → <c>campaign.shard-3-of-8.db</c>, beside it.</summary>
    public string DatabaseFor(string database)
    {
        var dir = Path.GetDirectoryName(database);
        var ext = Path.GetExtension(database);
        var name = $"{Path.GetFileNameWithoutExtension(database)}.shard-{Index}-of-{Count}{(ext.Length > 0 ? ext : ".db")}";
        return string.IsNullOrEmpty(dir) ? name : Path.Combine(dir, name);
    }

    /// <summary>Same index and count (the chosen cases aside).</summary>
    public bool SameSlot(CampaignShard other) => Index == other.Index && Count == other.Count;

    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>
/// Splits cases into shards of about equal expected cost: longest processing time first (each case, most
/// expensive first, goes to the shard with the least cost so far; ties by case name, then by the lower shard),
/// which is within 4/3 of the best split and the same on every machine that computes it.
/// </summary>
public static class ShardBalancer
{
    /// <summary>The cases of each shard (index 0 is shard 1), each list in name order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Partition(IReadOnlyDictionary<string, double> costs, int count)
    {
        if (count < 1) throw new BadInputException($"a campaign splits into at least 1 shard, not {count}", "Shard");
        var shards = Enumerable.Range(0, count).Select(_ => new List<string>()).ToArray();
        var load = new double[count];
        foreach (var (name, cost) in costs.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var best = 0;
            for (var i = 1; i < count; i++)
                if (load[i] < load[best]) best = i;
            shards[best].Add(name);
            load[best] += cost;
        }
        return shards.Select(s => (IReadOnlyList<string>)s.OrderBy(n => n, StringComparer.Ordinal).ToList()).ToList();
    }

    /// <summary><paramref name="shard"/> with the cases it runs chosen from <paramref name="costs"/> (every case of the campaign).</summary>
    public static CampaignShard Choose(CampaignShard shard, IReadOnlyDictionary<string, double> costs, string costSource)
    {
        var mine = Partition(costs, shard.Count)[shard.Index - 1];
        if (mine.Count == 0)
            throw new BadInputException($"shard {shard} gets no case: the campaign has {costs.Count} case(s), fewer than {shard.Count} shards", "Shard");
        return shard with { Cases = mine, CostSource = costSource, Node = Environment.MachineName };
    }
}
