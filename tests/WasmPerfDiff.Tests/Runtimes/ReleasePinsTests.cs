using System.Text.Json;
using WasmPerfDiff.Runtimes.Install;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>The built-in pins as a user reads them in <c>runtimes install --list</c>, and a releases file a user gets wrong.</summary>
public class ReleasePinsTests
{
    [Fact]
    public void Every_built_in_pin_is_an_official_https_asset_with_a_sha256_or_a_commit_and_a_unique_mirror_name()
    {
        var list = CliProcess.Run("runtimes", "install", "--list", "--json");
        Assert.True(list.ExitCode == 0, list.Stderr);
        using var doc = JsonDocument.Parse(list.Stdout);
        var pins = doc.RootElement.GetProperty("pins").EnumerateArray().ToList();
        Assert.Superset(new HashSet<string> { "wasmtime", "wasmer", "wasmedge", "iwasm", "wamrc", "wazero", "wasm3", "wamr" },
            pins.Select(p => p.GetProperty("name").GetString()!).ToHashSet());
        foreach (var p in pins)
        {
            var id = p.GetProperty("name").GetString() + "@" + p.GetProperty("version").GetString();
            Assert.StartsWith("https://github.com/", p.GetProperty("url").GetString());
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("checksum_source").GetString()), id);
            var sha = p.GetProperty("sha256");
            if (sha.ValueKind == JsonValueKind.Null)
                Assert.Equal("source", p.GetProperty("kind").GetString()); // only a source pinned by commit records its hash at first download
            else
                Assert.Matches("^[0-9a-f]{64}$", sha.GetString()!);
        }
        var assets = pins.Select(p => p.GetProperty("asset").GetString()).ToList();
        Assert.Equal(assets.Count, assets.Distinct().Count()); // one mirror folder holds them all
        Assert.Single(pins, p => p.GetProperty("name").GetString() == "wasm3" && p.GetProperty("default").GetBoolean() && p.GetProperty("version").GetString() == "c9b579d8");
    }

    [Fact]
    public void A_releases_file_with_a_bad_checksum_or_an_unpinned_version_is_one_line_of_bad_input()
    {
        var dir = Directory.CreateTempSubdirectory("perfdiff-pins-").FullName;
        try
        {
            var file = Path.Combine(dir, "releases.json");
            File.WriteAllText(file, """{ "releases": [ { "name": "wasmtime", "version": "99.0.0", "kind": "archive", "url": "https://example.invalid/w.tar.xz", "sha256": "abc", "checksum_source": "x", "programs": { "wasmtime": "wasmtime" } } ] }""");
            var env = new Dictionary<string, string> { ["WASM_PERFDIFF_DATA"] = Path.Combine(dir, "data") };
            var bad = CliProcess.RunWith(dir, TimeSpan.FromMinutes(1), env, "runtimes", "install", "wasmtime", "--releases", file);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("sha256 must be 64 hex digits", bad.Stderr);
            Assert.DoesNotContain('\n', bad.Stderr.Trim());

            var unpinned = CliProcess.RunWith(dir, TimeSpan.FromMinutes(1), env, "runtimes", "install", "wasmtime@1.2.3");
            Assert.Equal(1, unpinned.ExitCode);
            Assert.Contains("wasmtime@1.2.3 is not pinned (pinned: 47.0.3", unpinned.Stderr);
            Assert.DoesNotContain('\n', unpinned.Stderr.Trim());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
