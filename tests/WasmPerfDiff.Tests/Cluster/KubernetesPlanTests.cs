using System.Diagnostics;
using WasmPerfDiff.Cluster;
using YamlDotNet.RepresentationModel;

namespace WasmPerfDiff.Tests.Cluster;

/// <summary><c>plan k8s</c>: what the manifests ask of the scheduler (read back as YAML), and what the submit script
/// does when a job completes or fails.</summary>
public sealed class KubernetesPlanTests
{
    private static ClusterPlanRequest Request(string dir) => ClusterPlanTests.Request(dir);

    private static YamlMappingNode Manifest(string dir, string name)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(dir, name));
        yaml.Load(reader);
        return (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
            node = step is int i ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        return node;
    }

    private static string Scalar(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Fact]
    public void Shard_pods_prefer_separate_nodes_and_own_their_cores()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-k8s-").FullName;
        KubernetesPlan.Write(Request(dir) with { CpusPerShard = 4 });
        var pod = At(Manifest(dir, KubernetesPlan.ShardManifest), "spec", "template", "spec");

        var antiAffinity = (YamlMappingNode)At(pod, "affinity", "podAntiAffinity");
        Assert.Equal(["preferredDuringSchedulingIgnoredDuringExecution"], antiAffinity.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        var term = At(antiAffinity, "preferredDuringSchedulingIgnoredDuringExecution", 0);
        Assert.Equal("100", Scalar(term, "weight"));
        Assert.Equal("kubernetes.io/hostname", Scalar(term, "podAffinityTerm", "topologyKey"));
        Assert.Equal("shard", Scalar(term, "podAffinityTerm", "labelSelector", "matchLabels", "role"));

        var resources = At(pod, "containers", 0, "resources");
        Assert.Equal("4", Scalar(resources, "requests", "cpu"));
        Assert.Equal("4", Scalar(resources, "limits", "cpu"));
    }

    [Fact]
    public void Shared_shards_drop_the_node_preference_but_keep_their_cores()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-k8s-shared-").FullName;
        KubernetesPlan.Write(Request(dir) with { Exclusive = false });
        var pod = (YamlMappingNode)At(Manifest(dir, KubernetesPlan.ShardManifest), "spec", "template", "spec");
        Assert.False(pod.Children.ContainsKey(new YamlScalarNode("affinity")));
        Assert.Equal(new ClusterPlanRequest { Shards = 1, OutputDirectory = "." }.CpusPerShard.ToString(),
            Scalar(pod, "containers", 0, "resources", "limits", "cpu"));
        Assert.Equal("Indexed", Scalar(Manifest(dir, KubernetesPlan.ShardManifest), "spec", "completionMode"));
        Assert.Equal("Job", Scalar(Manifest(dir, KubernetesPlan.MergeManifest), "kind"));
    }

    [Fact]
    public void Zero_cores_per_shard_is_refused()
    {
        var e = Assert.Throws<BadInputException>(() => KubernetesPlan.Write(Request(Path.GetTempPath()) with { CpusPerShard = 0 }));
        Assert.Equal(nameof(ClusterPlanRequest.CpusPerShard), e.Field);
    }

    [Fact]
    public void Submit_stops_at_a_failed_shard_job_says_so_and_never_merges()
    {
        var (exit, stdout, stderr, calls) = Submit("wasm-perfdiff-shards", "Failed");
        Assert.NotEqual(0, exit);
        Assert.Contains("job/wasm-perfdiff-shards: failed", stderr);
        Assert.DoesNotContain(calls, c => c.StartsWith("apply -f merge.yaml"));
        Assert.DoesNotContain("merge=", stdout);
    }

    [Fact]
    public void Submit_merges_once_the_shards_complete_and_says_so()
    {
        var (exit, stdout, stderr, calls) = Submit("wasm-perfdiff-shards", "Complete");
        Assert.True(exit == 0, stderr);
        Assert.Contains("job/wasm-perfdiff-shards: complete", stdout);
        Assert.Contains("job/wasm-perfdiff-merge: complete", stdout);
        Assert.Contains("apply -f merge.yaml", calls);
    }

    /// <summary>Runs submit-k8s.sh against the fault-injecting kubectl; the wait for the condition that never comes
    /// must have been stopped (nothing the script starts outlives it).</summary>
    private static (int Exit, string Stdout, string Stderr, IReadOnlyList<string> Calls) Submit(string job, string outcome)
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-k8s-submit-").FullName;
        var result = KubernetesPlan.Write(Request(dir));
        var log = Path.Combine(dir, "kubectl.log");
        var psi = new ProcessStartInfo("bash", [result.SubmitScript]) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["PATH"] = Path.Combine(TestPaths.Fixtures, "fake-kubectl") + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["FAKE_KUBECTL_LOG"] = log;
        psi.Environment["FAKE_KUBECTL_JOB"] = job;
        psi.Environment["FAKE_KUBECTL_OUTCOME"] = outcome;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("submit-k8s.sh still waits after its job ended");
        }
        p.WaitForExit();
        // Each job had one wait that never came true; none may still be sleeping now that the script has ended.
        Assert.Empty(WaitsStillRunning(log));
        return (p.ExitCode, stdout.Result, stderr.Result, File.ReadAllLines(log));
    }

    private static List<int> WaitsStillRunning(string log)
    {
        var marker = "fake-kubectl-wait:" + log;
        var alive = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try { if (File.ReadAllText(Path.Combine(dir, "cmdline")).StartsWith(marker, StringComparison.Ordinal)) alive.Add(pid); }
            catch (IOException) { } // gone meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return alive;
    }
}
