using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using WasmPerfDiff.Host;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;
using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Fuzz;

/// <summary>One malformed input: the files it needs in its sandbox, the command line, and which files must stay unchanged.</summary>
/// <param name="ReadOnlyInputs">Files the verb must never change.</param>
/// <param name="OutputsIfAccepted">Files the verb writes when it succeeds (calibrate's manifest) but must leave
/// untouched when it rejects the input.</param>
public sealed record FuzzCase(string Kind, string Label, string[] Args, Action<string> Setup, string[] ReadOnlyInputs,
    string[]? OutputsIfAccepted = null);

/// <summary>
/// Makes malformed inputs of every kind from a few valid seeds: modules, runtime configs, corpus manifests, campaign
/// databases, WarpDiff CSVs, option values and output paths. Deterministic for a seed.
/// </summary>
public sealed class FuzzInputs
{
    public static readonly string[] Kinds = ["module", "config", "manifest", "database", "warpdiff", "option", "path"];

    private readonly Random _rng;
    private readonly byte[] _wasm;
    private readonly byte[] _db;
    private readonly string _warpdiffZip;
    private readonly string _validConfig;
    private readonly string _validManifest;

    public FuzzInputs(string repoRoot, string seedDir, int seed)
    {
        _rng = new Random(seed);
        _wasm = File.ReadAllBytes(Path.Combine(repoRoot, "corpus", "wasm", "O2", "ackermann.wasm"));
        _warpdiffZip = Path.Combine(repoRoot, "tests", "WasmPerfDiff.Tests", "Fixtures", "warpdiff", "profiling_data.zip");
        _db = File.ReadAllBytes(MakeDatabase(Path.Combine(seedDir, "seed.db")));
        _validConfig = """
            {
              "paths": { "true": "/bin/true" },
              "runtimes": [
                { "name": "fake", "engine": "fake", "tier": "x", "command": ["true", "{wasm}", "{args}"], "version": ["true", "--version"] }
              ]
            }
            """;
        _validManifest = """
            {
              "cases": [
                { "name": "ackermann", "suite": "classics", "language": "wasm", "wasm": "ackermann.wasm",
                  "sizes": { "test": { "args": ["1", "2"], "stdout_sha256": null }, "default": { "args": ["2", "3"] } } }
              ]
            }
            """;
    }

    /// <summary>A small valid campaign database, written through the store itself (no runtime needed).</summary>
    public static string MakeDatabase(string path)
    {
        if (File.Exists(path)) File.Delete(path);
        using var store = CampaignStore.Open(path);
        var c = store.CreateLocalCampaign(new Campaigns.CampaignSettings { MinRuns = 1, MaxRuns = 3 }, 7);
        string[] runtimes = ["rt-a", "rt-b", "rt-c"];
        string[] cases = ["classics/fib", "classics/sieve", "misc/=cmd|x", "misc/<b>html</b>"];
        foreach (var r in runtimes) store.RecordRuntime(new RuntimeRecord(r, "e", "t", "1.0", r + " {wasm}"));
        foreach (var cs in cases) store.RecordCase(new CaseRecord(cs, cs.Split('/')[0], cs + ".wasm", new string('a', 64), ["1"], null, null, "test"));
        var runs = new List<CaseRun>();
        var i = 0;
        foreach (var cs in cases)
        foreach (var r in runtimes)
        for (var round = 1; round <= 3; round++)
        {
            var ms = 100 + 10 * (i++ % 7) + (r == "rt-c" ? 200 : 0);
            var status = r == "rt-b" && cs.Contains("sieve") ? RunStatus.Crash : RunStatus.Ok;
            runs.Add(new CaseRun(cs, round, new RunResult(r, status, status == RunStatus.Ok ? 0 : null, status == RunStatus.Ok ? null : 11,
                ms, ms * 0.9, 1, 1000, 10, new string('b', 64), 0, new string('c', 64),
                new Phases(1, 2, 1, ms - 5, 1, null), DateTimeOffset.UtcNow, null)));
        }
        store.AppendBatch(c.Id, runs);
        return path;
    }

    public FuzzCase Next(string kind, int index) => kind switch
    {
        "module" => Module(index),
        "config" => Config(index),
        "manifest" => Manifest(index),
        "database" => Database(index),
        "warpdiff" => WarpDiff(index),
        "option" => Option(index),
        _ => OddPath(index),
    };

    // ---- modules ---------------------------------------------------------------------------

    private FuzzCase Module(int index)
    {
        var bytes = MutateBytes(_wasm, out var how);
        string[] verb = Pick<string[]>(
            ["exec", "m.wasm", "-r", "wasmtime-winch", "--timeout", "3", "--", "1", "2"],
            ["profile", "--wasm", "m.wasm", "-r", "wasmtime-winch", "--timeout", "3"]);
        return new FuzzCase("module", $"{how} → {verb[0]}", verb, dir => File.WriteAllBytes(Path.Combine(dir, "m.wasm"), bytes), ["m.wasm"]);
    }

    // ---- runtime configs -------------------------------------------------------------------

    private FuzzCase Config(int index)
    {
        var text = MutateJson(_validConfig, out var how);
        string[] args = Pick<string[]>(
            ["exec", "m.wasm", "--config", "c.json", "-r", "fake", "--timeout", "3"],
            ["doctor", "--config", "c.json"],
            ["run", "--config", "c.json", "-r", "fake", "--corpus", "corpus", "--size", "test", "--db", "out.db", "--warmup", "0", "--min-runs", "1", "--max-runs", "1"]);
        return new FuzzCase("config", $"{how} → {args[0]}", args, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "c.json"), text);
            File.WriteAllBytes(Path.Combine(dir, "m.wasm"), _wasm);
            WriteCorpus(dir, _validManifest);
        }, ["c.json", "m.wasm", "corpus/manifest.json"]);
    }

    // ---- corpus manifests ------------------------------------------------------------------

    private FuzzCase Manifest(int index)
    {
        var text = MutateJson(_validManifest, out var how);
        string[] args = Pick<string[]>(
            ["run", "--corpus", "corpus", "-r", "wasmtime-winch", "--size", "test", "--db", "out.db", "--warmup", "0", "--min-runs", "1", "--max-runs", "1", "--timeout", "5"],
            ["calibrate", "--corpus", "corpus", "--cases", "ackermann"],
            ["profile", "--corpus", "corpus", "--case", "ackermann", "-r", "wasmtime-winch"]);
        // calibrate records the sizes it finds in the manifest: that is its output, unless it rejects the input.
        return args[0] == "calibrate"
            ? new FuzzCase("manifest", $"{how} → {args[0]}", args, dir => WriteCorpus(dir, text), ["corpus/ackermann.wasm"], ["corpus/manifest.json"])
            : new FuzzCase("manifest", $"{how} → {args[0]}", args, dir => WriteCorpus(dir, text), ["corpus/manifest.json", "corpus/ackermann.wasm"]);
    }

    private void WriteCorpus(string dir, string manifest)
    {
        var corpus = Directory.CreateDirectory(Path.Combine(dir, "corpus")).FullName;
        File.WriteAllText(Path.Combine(corpus, "manifest.json"), manifest);
        File.WriteAllBytes(Path.Combine(corpus, "ackermann.wasm"), _wasm);
    }

    // ---- databases -------------------------------------------------------------------------

    private FuzzCase Database(int index)
    {
        var how = "";
        Action<string> make;
        switch (_rng.Next(5))
        {
            case 0:
            {
                var bytes = MutateBytes(_db, out how, pageSize: 4096);
                make = p => File.WriteAllBytes(p, bytes);
                break;
            }
            case 1:
            {
                var (label, sql) = Pick(
                    ("foreign run/campaign tables", "CREATE TABLE run(a, b); CREATE TABLE campaign(x);"),
                    ("another program's tables", "CREATE TABLE stuff(a); INSERT INTO stuff VALUES (1);"),
                    ("empty database", "PRAGMA user_version = 0;"),
                    ("our tables, wrong columns", "CREATE TABLE campaign(key INTEGER PRIMARY KEY, id TEXT); CREATE TABLE run(id INTEGER); CREATE TABLE runtime(name TEXT); CREATE TABLE \"case\"(name TEXT);"));
                how = label;
                make = p => Sql(p, sql, fresh: true);
                break;
            }
            case 2:
            {
                var v = Pick(-1, 1, 3, 99, int.MaxValue);
                how = $"user_version {v}";
                make = p => { File.WriteAllBytes(p, _db); Sql(p, $"PRAGMA user_version = {v};"); };
                break;
            }
            case 3:
            {
                var (label, sql) = Pick(
                    ("bad started date", "UPDATE run SET started = 'garbage' WHERE id = 1"),
                    ("bad created date", "UPDATE campaign SET created = '2024-13-45'"),
                    ("garbage settings JSON", "UPDATE campaign SET settings = '{{nope'"),
                    ("null settings fields", "UPDATE campaign SET settings = '{\"runtimes\":null,\"min_runs\":null}'"),
                    ("bad case args", "UPDATE \"case\" SET args = '[1,null'"),
                    ("null case args", "UPDATE \"case\" SET args = 'null'"),
                    ("unknown status", "UPDATE run SET status = 'weird' WHERE id = 2"),
                    ("NULL wall time", "UPDATE run SET wall_ms = NULL WHERE id = 3"),
                    ("text in a number column", "UPDATE run SET wall_ms = 'fast' WHERE id = 3"),
                    ("negative times", "UPDATE run SET wall_ms = -5, execute_ms = -1"),
                    ("huge round", "UPDATE run SET round = 9223372036854775807 WHERE id = 4"),
                    ("run of an unknown case", "PRAGMA foreign_keys=OFF; UPDATE run SET case_name = 'ghost' WHERE id = 5"),
                    ("runtime name with path", "PRAGMA foreign_keys=OFF; UPDATE runtime SET name = '../x' WHERE name = 'rt-a'; UPDATE run SET runtime = '../x' WHERE runtime = 'rt-a'"),
                    ("no campaign row", "PRAGMA foreign_keys=OFF; DELETE FROM campaign"),
                    ("no runs", "DELETE FROM run"),
                    ("two local campaigns", "INSERT INTO campaign (id, origin, created, settings, seed, cpu_model, cores, kernel, os, tool_version) SELECT 'x2', origin, created, settings, seed, cpu_model, cores, kernel, os, tool_version FROM campaign"));
                how = label;
                make = p => { File.WriteAllBytes(p, _db); Sql(p, sql); };
                break;
            }
            default:
            {
                how = Pick("a directory", "missing file", "0-byte file", "text file", "a WAL file without its database");
                make = how switch
                {
                    "a directory" => p => Directory.CreateDirectory(p),
                    "missing file" => _ => { },
                    "0-byte file" => p => File.WriteAllBytes(p, []),
                    "text file" => p => File.WriteAllText(p, "hello, not a database\n"),
                    _ => p => { File.WriteAllBytes(p, _db); File.WriteAllBytes(p + "-wal", RandomBytes(5000)); },
                };
                break;
            }
        }
        string[] args = Pick<string[]>(
            ["report", "--db", "in.db", "--out", "r.html", "--md", "r.md"],
            ["analyze", "--db", "in.db", "--json"],
            ["analyze", "--db", "in.db", "--method", "warpdiff"],
            ["export", "--db", "in.db", "--format", "csv", "--out", "e.csv"],
            ["export", "--db", "in.db", "--format", "json"],
            ["export", "--db", "in.db", "--format", "md"],
            ["import", "db", "in.db", "--db", "target.db"],
            ["profile", "--db", "in.db", "--findings", "1", "--out", "prof"],
            ["run", "--resume", "--db", "in.db", "--max-time", "1s"]);
        // Readers and import's source must leave the file exactly as it was; a resume may write to it.
        var readOnly = args[0] == "run" ? Array.Empty<string>() : ["in.db"];
        return new FuzzCase("database", $"{how} → {string.Join(' ', args.Take(2))}", args, dir => make(Path.Combine(dir, "in.db")), readOnly);
    }

    private static void Sql(string path, string sql, bool fresh = false)
    {
        if (fresh && File.Exists(path)) File.Delete(path);
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=DELETE; " + sql;
        cmd.ExecuteNonQuery();
    }

    // ---- WarpDiff CSVs ---------------------------------------------------------------------

    private FuzzCase WarpDiff(int index)
    {
        var how = Pick("repeated row", "NaN mean", "negative mean", "infinite mean", "garbage line", "missing column", "empty file",
            "random bytes", "huge mean", "comma in name", "binary line", "no CSV at all", "extra columns", "quoted fields");
        return new FuzzCase("warpdiff", how, ["import", "warpdiff", "pd", "--db", "w.db"], dir =>
        {
            ZipFile.ExtractToDirectory(_warpdiffZip, dir);
            var root = Path.Combine(dir, "profiling_data");
            Directory.Move(root, Path.Combine(dir, "pd"));
            var csvs = Directory.GetFiles(Path.Combine(dir, "pd"), "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            if (how == "no CSV at all") { foreach (var f in csvs) File.Delete(f); return; }
            var target = csvs[_rng.Next(csvs.Length)];
            var lines = File.ReadAllLines(target).ToList();
            var n = _rng.Next(lines.Count);
            var cols = lines[n].Split(',');
            string Mean(string v) => string.Join(',', cols.Take(cols.Length - 1).Append(v));
            switch (how)
            {
                case "repeated row": lines.Add(lines[n]); break;
                case "NaN mean": lines[n] = Mean("NaN"); break;
                case "negative mean": lines[n] = Mean("-12.5"); break;
                case "infinite mean": lines[n] = Mean("Infinity"); break;
                case "huge mean": lines[n] = Mean("1e400"); break;
                case "garbage line": lines[n] = "this,is not,a row"; break;
                case "missing column": lines[n] = string.Join(',', cols.Take(2)); break;
                case "empty file": lines.Clear(); break;
                case "random bytes": File.WriteAllBytes(target, RandomBytes(300)); return;
                case "comma in name": lines[n] = lines[n].Replace(".wasm", ",x.wasm"); break;
                case "binary line": lines[n] = "\0\u0001\u00ff"; break;
                case "extra columns": lines[n] += ",1,2"; break;
                case "quoted fields": lines[n] = "\"" + lines[n].Replace(",", "\",\"") + "\""; break;
            }
            File.WriteAllText(target, string.Join("\r\n", lines));
        }, []);
    }

    // ---- option values ---------------------------------------------------------------------

    private static readonly string[] NastyValues =
    [
        "", " ", "-1", "0", "nan", "NaN", "inf", "-inf", "1e308", "1e12", "4294968", "1e9", "1e-320", "abc", "12abc", "0x10",
        "99999999999h", "1h-5m", "::", "00:00:00", "99:99:99", "-5s", "1,2", "--", "-", "%s%n", "💥", "a\nb", new string('9', 400),
        "9223372036854775808", "-9223372036854775809", "2147483648", "1.5", "  7  ", "+3",
    ];

    private FuzzCase Option(int index)
    {
        var value = Pick(NastyValues);
        var (verb, option) = Pick(
            (new[] { "run", "-r", "fake", "--config", "c.json", "--corpus", "corpus", "--size", "test", "--db", "o.db", "--warmup", "0", "--min-runs", "1", "--max-runs", "1" }, "--timeout"),
            (new[] { "run", "-r", "fake", "--config", "c.json", "--corpus", "corpus", "--size", "test", "--db", "o.db", "--warmup", "0", "--min-runs", "1", "--max-runs", "1" }, "--max-time"),
            (new[] { "run", "-r", "fake", "--config", "c.json", "--corpus", "corpus", "--size", "test", "--db", "o.db", "--warmup", "0", "--min-runs", "1" }, "--max-runs"),
            (new[] { "run", "-r", "fake", "--config", "c.json", "--corpus", "corpus", "--size", "test", "--db", "o.db", "--warmup", "0", "--max-runs", "2" }, "--min-runs"),
            (new[] { "run", "-r", "fake", "--config", "c.json", "--corpus", "corpus", "--size", "test", "--db", "o.db", "--min-runs", "1", "--max-runs", "1" }, "--warmup"),
            (new[] { "run", "-r", "fake", "--config", "c.json", "--corpus", "corpus", "--db", "o.db", "--warmup", "0", "--min-runs", "1", "--max-runs", "1" }, "--size"),
            (new[] { "run", "--config", "c.json", "--corpus", "corpus", "--size", "test", "--db", "o.db", "--warmup", "0", "--min-runs", "1", "--max-runs", "1" }, "-r"),
            (new[] { "run", "-r", "fake", "--config", "c.json", "--corpus", "corpus", "--size", "test", "--db", "o.db", "--warmup", "0", "--min-runs", "1", "--max-runs", "1" }, "--seed"),
            (new[] { "run", "-r", "fake", "--config", "c.json", "--corpus", "corpus", "--size", "test", "--db", "o.db", "--warmup", "0", "--min-runs", "1", "--max-runs", "1" }, "--cases"),
            (new[] { "analyze", "--db", "in.db" }, "--threshold"),
            (new[] { "analyze", "--db", "in.db" }, "--floor-ms"),
            (new[] { "analyze", "--db", "in.db" }, "--top"),
            (new[] { "analyze", "--db", "in.db" }, "--seed"),
            (new[] { "analyze", "--db", "in.db" }, "--phase"),
            (new[] { "analyze", "--db", "in.db" }, "--method"),
            (new[] { "analyze", "--db", "in.db" }, "--runtimes"),
            (new[] { "analyze", "--db", "in.db" }, "--exclude"),
            (new[] { "report", "--db", "in.db", "--out", "r.html" }, "--threshold"),
            (new[] { "report", "--db", "in.db", "--out", "r.html" }, "--floor-ms"),
            (new[] { "export", "--db", "in.db" }, "--format"),
            (new[] { "exec", "m.wasm", "-r", "fake", "--config", "c.json" }, "--timeout"),
            (new[] { "profile", "--wasm", "m.wasm", "-r", "fake", "--config", "c.json" }, "--frequency"),
            (new[] { "profile", "--wasm", "m.wasm", "-r", "fake", "--config", "c.json" }, "--timeout"),
            (new[] { "build", "--out", "b", "--corpus", "corpus" }, "--jobs"),
            (new[] { "demo", "--out", "/proc/nope" }, "--max-time"));
        var args = option == "--unknown" ? verb : verb.Append(option).Append(value).ToArray();
        if (_rng.Next(20) == 0) args = [Pick("frobnicate", "", "RUN", "--db", "-x"), .. args.Skip(1)];
        return new FuzzCase("option", $"{args[0]} {option} '{Shorten(value)}'", args, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "c.json"), _validConfig);
            File.WriteAllBytes(Path.Combine(dir, "m.wasm"), _wasm);
            File.WriteAllBytes(Path.Combine(dir, "in.db"), _db);
            WriteCorpus(dir, _validManifest);
        }, ["c.json", "m.wasm", "in.db", "corpus/manifest.json"]);
    }

    // ---- output paths ----------------------------------------------------------------------

    private FuzzCase OddPath(int index)
    {
        var path = Pick("", " ", "afile/x.out", "afile", "adir", "/proc/x.out", "/proc/self/status", "/sys/x", "/dev/full", "/dev/null",
            "adir/../afile/y", "no/such/../deep/" + new string('d', 300) + "/x", new string('n', 300), "ro/x.out", "a\nb.out", "-");
        var (args, readOnly) = Pick<(string[], string[])>(
            (["report", "--db", "in.db", "--out", path], ["in.db"]),
            (["report", "--db", "in.db", "--md", path], ["in.db"]),
            (["export", "--db", "in.db", "--format", "csv", "--out", path], ["in.db"]),
            (["run", "-r", "fake", "--config", "c.json", "--corpus", "corpus", "--size", "test", "--warmup", "0", "--min-runs", "1", "--max-runs", "1", "--db", path], []),
            (["import", "warpdiff", "nowhere", "--db", path], []),
            // demo and build would do their whole job on a path that works (as root even "ro/" does): only refused paths for them.
            (["demo", "--out", Refused(path)], []),
            (["profile", "--db", "in.db", "--findings", "1", "--out", path], ["in.db"]),
            (["build", "--corpus", "corpus", "--out", Refused(path)], []));
        return new FuzzCase("path", $"{args[0]} → '{Shorten(path)}'", args, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "c.json"), _validConfig);
            File.WriteAllBytes(Path.Combine(dir, "in.db"), _db);
            File.WriteAllText(Path.Combine(dir, "afile"), "a regular file\n");
            Directory.CreateDirectory(Path.Combine(dir, "adir"));
            var ro = Directory.CreateDirectory(Path.Combine(dir, "ro"));
            File.SetUnixFileMode(ro.FullName, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            WriteCorpus(dir, _validManifest);
        }, [.. readOnly, .. path == "afile" ? Array.Empty<string>() : ["afile"], "c.json"]);
    }

    private string Refused(string path) =>
        path is "" or " " or "afile" or "/proc/x.out" or "/proc/self/status" or "/sys/x" or "/dev/full" or "/dev/null" or "afile/x.out" or "adir/../afile/y"
            ? path : Pick("afile/x.out", "/proc/x.out", "", "/sys/x", new string('n', 300));

    // ---- mutation helpers ------------------------------------------------------------------

    private byte[] MutateBytes(byte[] input, out string how, int pageSize = 0)
    {
        var b = (byte[])input.Clone();
        switch (_rng.Next(pageSize > 0 ? 6 : 5))
        {
            case 0:
                how = "truncated";
                return b[.._rng.Next(b.Length)];
            case 1:
            {
                var flips = 1 + _rng.Next(8);
                for (var i = 0; i < flips; i++) b[_rng.Next(b.Length)] ^= (byte)(1 << _rng.Next(8));
                how = $"{flips} bit flips";
                return b;
            }
            case 2:
            {
                var at = _rng.Next(b.Length);
                how = "bytes inserted";
                return [.. b[..at], .. RandomBytes(1 + _rng.Next(64)), .. b[at..]];
            }
            case 3:
                how = Pick("empty", "header only", "random bytes");
                return how switch { "empty" => [], "header only" => b[..Math.Min(8, b.Length)], _ => RandomBytes(1 + _rng.Next(4096)) };
            case 4:
            {
                var at = _rng.Next(b.Length);
                var len = Math.Min(b.Length - at, 1 + _rng.Next(256));
                RandomBytes(len).CopyTo(b, at);
                how = "overwritten run";
                return b;
            }
            default:
            {
                var pages = Math.Max(1, b.Length / pageSize);
                var page = _rng.Next(pages);
                for (var i = 0; i < 1 + _rng.Next(32); i++) b[page * pageSize + _rng.Next(Math.Min(pageSize, b.Length - page * pageSize))] ^= (byte)(1 + _rng.Next(255));
                how = page == 0 ? "header page damaged" : "data page damaged";
                return b;
            }
        }
    }

    private string MutateJson(string json, out string how)
    {
        var tokens = new[] { "null", "[]", "{}", "[null]", "\"\"", "0", "-1", "1e999", "true", "\"../x\"", "\"a b\"", "[\"x\", null]", "\"💥\"", "[[]]", "{\"x\":1}" };
        switch (_rng.Next(5))
        {
            case 0:
            {
                // Replace one value (after a colon) with a hostile token.
                var colons = Enumerable.Range(0, json.Length).Where(i => json[i] == ':').ToArray();
                var at = colons[_rng.Next(colons.Length)] + 1;
                var end = ValueEnd(json, at);
                var token = Pick(tokens);
                var key = json[..(at - 1)].Split('"').Reverse().Skip(1).FirstOrDefault() ?? "?";
                how = $"\"{key}\": {token}";
                return json[..at] + " " + token + json[end..];
            }
            case 1:
                how = "truncated";
                return json[.._rng.Next(json.Length)];
            case 2:
            {
                var at = _rng.Next(json.Length);
                how = "character deleted";
                return json.Remove(at, 1);
            }
            case 3:
            {
                var at = _rng.Next(json.Length);
                var c = Pick("{", "}", "[", "]", ",", ":", "\"", "\\", "\0", "/*", "\u2028");
                how = $"'{Shorten(c)}' inserted";
                return json.Insert(at, c);
            }
            default:
                how = Pick("empty", "not JSON", "JSON array", "JSON string");
                return how switch { "empty" => "", "not JSON" => "hello", "JSON array" => "[1,2]", _ => "\"x\"" };
        }
    }

    /// <summary>End of the JSON value starting at <paramref name="start"/> (balanced brackets, strings skipped).</summary>
    private static int ValueEnd(string s, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < s.Length; i++)
        {
            var c = s[i];
            if (inString) { if (c == '\\') i++; else if (c == '"') { inString = false; if (depth == 0) return i + 1; } continue; }
            if (c == '"') inString = true;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') { if (depth == 0) return i; depth--; if (depth == 0) return i + 1; }
            else if (c == ',' && depth == 0) return i;
        }
        return s.Length;
    }

    private byte[] RandomBytes(int n) { var b = new byte[n]; _rng.NextBytes(b); return b; }
    private T Pick<T>(params T[] items) => items[_rng.Next(items.Length)];
    private static string Shorten(string s) => (s.Length > 24 ? s[..24] + "…" : s).Replace("\n", "\\n").Replace("\0", "\\0");
}
