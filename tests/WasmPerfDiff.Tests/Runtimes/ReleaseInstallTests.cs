using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>A fact needing cmake and a C compiler (CI installs them: WASM_PERFDIFF_REQUIRE=cmake makes their absence a failure).</summary>
public sealed class RequiresCmakeFactAttribute : FactAttribute
{
    public RequiresCmakeFactAttribute() =>
        Skip = RequiredTools.SkipReason("cmake", RequiredTools.MissingFromPath("cmake") ?? RequiredTools.MissingFromPath("cc"));
}

/// <summary>A fact needing ../shared/runtimes (a real wasm3 to pack) and Debian's xz (to pack a .tar.xz fixture).</summary>
public sealed class RequiresSharedRuntimesAndXzFactAttribute : FactAttribute
{
    public RequiresSharedRuntimesAndXzFactAttribute() =>
        Skip = SharedRuntimes.MissingReason ?? (RequiredTools.MissingFromPath("xz") is { } x ? $"{x}: the test packs its .tar.xz fixture with it" : null);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 for <c>runtimes install</c> tests: serves files by name under routes that
/// behave like the failures a download meets (a body cut short, a redirect, a server that stops sending).
/// </summary>
public sealed class FixtureServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, byte[]> _files = new();

    public FixtureServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url(string route) => $"http://127.0.0.1:{Port}/{route}";

    public void Serve(string name, byte[] bytes) { lock (_files) _files[name] = bytes; }

    /// <summary>A port nothing listens on (bound, then released): connecting is refused.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(ctx));
        }
    }

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        var parts = ctx.Request.Url!.AbsolutePath.Trim('/').Split('/', 2);
        byte[]? body;
        lock (_files) body = parts.Length == 2 && _files.TryGetValue(Uri.UnescapeDataString(parts[1]), out var b) ? b : null;
        var response = ctx.Response;
        try
        {
            if (body is null) { response.StatusCode = 404; response.Close(); return; }
            switch (parts[0])
            {
                case "files":
                    response.ContentLength64 = body.Length;
                    await response.OutputStream.WriteAsync(body);
                    response.Close();
                    break;
                case "redirect":
                    response.StatusCode = 302;
                    response.RedirectLocation = Url("files/" + parts[1]);
                    response.Close();
                    break;
                case "truncated": // announces the whole length, sends half, drops the connection
                    response.ContentLength64 = body.Length;
                    await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2));
                    await response.OutputStream.FlushAsync();
                    response.Abort();
                    break;
                case "slow": // sends a little, then nothing until the test is over
                    response.ContentLength64 = body.Length;
                    await response.OutputStream.WriteAsync(body.AsMemory(0, 1024));
                    await response.OutputStream.FlushAsync();
                    try { await Task.Delay(TimeSpan.FromSeconds(30), _stop.Token); } catch (OperationCanceledException) { }
                    response.Abort();
                    break;
                default:
                    response.StatusCode = 404;
                    response.Close();
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); _listener.Close(); } catch (ObjectDisposedException) { }
    }
}

/// <summary>
/// <c>runtimes install</c> of pinned release archives and source builds, through the CLI, against a local
/// server serving archives built here in the official layouts (a releases file pins them, as a user pins a
/// version the tool does not know). Every failure must be one line on stderr, a non-zero exit, and leave
/// nothing in the data directory.
/// </summary>
public sealed class ReleaseInstallTests : IDisposable
{
    private readonly FixtureServer _server = new();
    private readonly string _work = Directory.CreateTempSubdirectory("perfdiff-release-").FullName;
    private string Data => Path.Combine(_work, "data");
    private string Runtimes => Path.Combine(Data, "runtimes");

    public void Dispose()
    {
        _server.Dispose();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    private static string? Wasm3 => SharedRuntimes.Find("wasm3");


    /// <summary>A .tar.gz (or .tar.xz through Debian's xz) with the given files (path → bytes, mode).</summary>
    private static byte[] Tar(IEnumerable<(string Path, byte[] Bytes, UnixFileMode Mode)> files, bool xz = false, IEnumerable<(string Path, string Target)>? links = null)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, bytes, mode) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(bytes), Mode = mode });
            foreach (var (path, target) in links ?? [])
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target });
        }
        if (xz)
        {
            var raw = Path.GetTempFileName();
            File.WriteAllBytes(raw, tar.ToArray());
            var xzRun = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("xz", ["-z", "-f", "-k", raw]) { UseShellExecute = false })!;
            xzRun.WaitForExit();
            var packed = File.ReadAllBytes(raw + ".xz");
            File.Delete(raw);
            File.Delete(raw + ".xz");
            return packed;
        }
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(tar.ToArray());
        return gz.ToArray();
    }

    private const UnixFileMode Exe = (UnixFileMode)0b111_101_101;

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Writes a releases file pinning one archive and serves the archive; returns the releases file.</summary>
    private string PinArchive(string name, string version, string asset, byte[] bytes, Dictionary<string, string> programs, string? sha = null) =>
        Releases(ArchivePin(name, version, asset, bytes, programs, sha));

    private object ArchivePin(string name, string version, string asset, byte[] bytes, Dictionary<string, string> programs, string? sha = null, string? libraryDir = null)
    {
        _server.Serve(asset, bytes);
        return new { name, version, kind = "archive", url = "https://example.invalid/" + asset, sha256 = sha ?? Sha(bytes), checksum_source = "test", programs, library_dir = libraryDir };
    }

    private string Releases(params object[] pins)
    {
        var path = Path.Combine(_work, $"releases-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { releases = pins }));
        return path;
    }

    /// <summary>
    /// The shared WasmEdge build in WasmEdge's release layout (WasmEdge-V-Linux/bin, lib64/ with the soname
    /// as a symlink). Its RUNPATH is $ORIGIN/../lib, which this layout lacks: it runs only when the
    /// install puts lib64 on LD_LIBRARY_PATH.
    /// </summary>
    private static byte[] WasmEdgeArchive()
    {
        var lib = Path.Combine(SharedRuntimes.Folder, "lib");
        var libs = Directory.GetFiles(lib).Where(f => new FileInfo(f).Length > 4096)
            .Select(f => ($"WasmEdge-0.0.0-Linux/lib64/{Path.GetFileName(f)}", File.ReadAllBytes(f), (UnixFileMode)0b110_100_100));
        var real = Path.GetFileName(Directory.GetFiles(lib, "libwasmedge.so.0.*").Single(f => new FileInfo(f).Length > 4096));
        return Tar([("WasmEdge-0.0.0-Linux/bin/wasmedge", File.ReadAllBytes(Path.Combine(SharedRuntimes.Folder, "bin", "wasmedge")), Exe), .. libs],
            links: [("WasmEdge-0.0.0-Linux/lib64/libwasmedge.so.0", real)]);
    }

    private CliProcess.Result Install(string releases, string route, string spec, string timeout = "30") =>
        CliProcess.RunWith(_work, TimeSpan.FromMinutes(3), new Dictionary<string, string>
        {
            ["WASM_PERFDIFF_DATA"] = Data,
            ["WASM_PERFDIFF_RELEASES"] = releases,
            ["WASM_PERFDIFF_MIRROR"] = _server.Url(route),
            ["WASM_PERFDIFF_DOWNLOAD_TIMEOUT"] = timeout,
        }, "runtimes", "install", spec);

    /// <summary>A failed install: non-zero exit, one line on stderr saying <paramref name="why"/>, and nothing left under the data directory.</summary>
    private void AssertFailedCleanly(CliProcess.Result r, string why)
    {
        Assert.True(r.ExitCode != 0, r.Stdout + r.Stderr);
        var line = r.Stderr.Trim();
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("wasm-perfdiff: ", line);
        Assert.Contains(why, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", r.Stdout + r.Stderr);
        Assert.Empty(Directory.Exists(Runtimes) ? Directory.GetFileSystemEntries(Runtimes) : []);
        Assert.Empty(Directory.Exists(Data) ? Directory.GetFiles(Data, "*", SearchOption.AllDirectories) : []);
    }

    private byte[] Wasm3Archive(bool xz = false, string top = "wasm3-1.0-x86_64-linux") =>
        Tar([($"{top}/bin/wasm3", File.ReadAllBytes(Wasm3!), Exe), ($"{top}/LICENSE", "MIT\n"u8.ToArray(), (UnixFileMode)0b110_100_100)], xz);

    [RequiresSharedRuntimesFact]
    public void Release_archives_install_register_pass_their_probe_and_show_in_runtimes_list()
    {
        var releases = Releases(
            ArchivePin("wasm3-bin", "1.0", "wasm3-bin-1.0.tar.gz", Wasm3Archive(), new() { ["wasm3"] = "bin/wasm3" }),
            ArchivePin("wasmedge-bin", "0.0.0", "WasmEdge-0.0.0-manylinux_2_28_x86_64.tar.gz", WasmEdgeArchive(), new() { ["wasmedge"] = "bin/wasmedge" }, libraryDir: "lib64"));
        var r = CliProcess.RunWith(_work, TimeSpan.FromMinutes(3), new Dictionary<string, string>
        {
            ["WASM_PERFDIFF_DATA"] = Data, ["WASM_PERFDIFF_RELEASES"] = releases, ["WASM_PERFDIFF_MIRROR"] = _server.Url("files"),
        }, "runtimes", "install", "wasm3-bin@1.0", "wasmedge-bin");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("wasm3-bin@1.0 installed", r.Stdout);
        Assert.Contains("wasmedge-bin@0.0.0 installed", r.Stdout);
        Assert.Contains(": wasm3, wasm3-compile", r.Stdout);
        Assert.Contains(": wasmedge", r.Stdout);
        Assert.True(new FileInfo(Path.Combine(Runtimes, "wasmedge-bin@0.0.0", "release", "WasmEdge-0.0.0-Linux", "lib64", "libwasmedge.so.0")).LinkTarget is not null);
        var program = Path.Combine(Runtimes, "wasm3-bin@1.0", "release", "wasm3-1.0-x86_64-linux", "bin", "wasm3");
        Assert.True(File.Exists(program));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Runtimes), e => Path.GetFileName(e).StartsWith(".staging"));

        var list = CliProcess.RunWith(_work, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["WASM_PERFDIFF_DATA"] = Data }, "runtimes", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        using var doc = JsonDocument.Parse(list.Stdout);
        var wasm3 = doc.RootElement.GetProperty("runtimes").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "wasm3");
        Assert.True(wasm3.GetProperty("available").GetBoolean(), wasm3.ToString());
        Assert.Equal(program, wasm3.GetProperty("path").GetString());
        var wasmedge = doc.RootElement.GetProperty("runtimes").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "wasmedge");
        Assert.True(wasmedge.GetProperty("available").GetBoolean(), wasmedge.ToString());
        Assert.StartsWith(Runtimes, wasmedge.GetProperty("path").GetString());
        Assert.Contains(doc.RootElement.GetProperty("installed").EnumerateArray(), i => i.GetProperty("name").GetString() == "wasm3-bin");

        var again = Install(releases, "files", "wasm3-bin@1.0");
        Assert.Contains("already installed", again.Stdout);
        var remove = CliProcess.RunWith(_work, TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["WASM_PERFDIFF_DATA"] = Data }, "runtimes", "remove", "wasm3-bin");
        Assert.Equal(0, remove.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(Runtimes, "wasm3-bin@1.0")));
    }

    [RequiresSharedRuntimesAndXzFact]
    public void A_redirect_is_followed_and_a_tar_xz_in_a_single_top_folder_installs()
    {
        var releases = PinArchive("wasm3-xz", "2.0", "wasm3-xz-2.0.tar.xz", Wasm3Archive(xz: true, top: "wasm3-v2.0-x86_64-linux"), new() { ["wasm3"] = "bin/wasm3" });
        var r = Install(releases, "redirect", "wasm3-xz");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("wasm3-xz@2.0 installed", r.Stdout);
        Assert.True(File.Exists(Path.Combine(Runtimes, "wasm3-xz@2.0", "release", "wasm3-v2.0-x86_64-linux", "bin", "wasm3")));
    }

    [Fact]
    public void A_truncated_body_fails_in_one_line_and_leaves_nothing()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var releases = PinArchive("trunc", "1.0", "trunc-1.0.tar.gz", bytes, new() { ["wasm3"] = "bin/wasm3" });
        AssertFailedCleanly(Install(releases, "truncated", "trunc"), "truncated");
    }

    [Fact]
    public void A_wrong_checksum_fails_in_one_line_and_leaves_nothing()
    {
        var archive = Tar([("x/bin/wasm3", "#!/bin/sh\n"u8.ToArray(), Exe)]);
        var releases = PinArchive("badsum", "1.0", "badsum-1.0.tar.gz", archive, new() { ["wasm3"] = "bin/wasm3" }, sha: new string('0', 64));
        AssertFailedCleanly(Install(releases, "files", "badsum@1.0"), "SHA-256 mismatch");
    }

    [Fact]
    public void An_archive_without_the_program_fails_in_one_line_and_leaves_nothing()
    {
        var archive = Tar([("x-1.0/README", "no binary here\n"u8.ToArray(), (UnixFileMode)0b110_100_100)]);
        var releases = PinArchive("empty", "1.0", "empty-1.0.tar.gz", archive, new() { ["wasm3"] = "bin/wasm3" });
        AssertFailedCleanly(Install(releases, "files", "empty"), "has no bin/wasm3");
    }

    [Fact]
    public void A_server_that_stops_sending_times_out_in_one_line_and_leaves_nothing()
    {
        var releases = PinArchive("slow", "1.0", "slow-1.0.tar.gz", RandomNumberGenerator.GetBytes(200_000), new() { ["wasm3"] = "bin/wasm3" });
        var r = Install(releases, "slow", "slow", timeout: "2");
        AssertFailedCleanly(r, "timeout");
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(25), $"took {r.Elapsed}");
    }

    [Fact]
    public void A_server_that_is_down_fails_in_one_line_and_leaves_nothing()
    {
        var releases = Releases(new { name = "down", version = "1.0", kind = "archive", url = "https://example.invalid/down.tar.gz", sha256 = new string('a', 64), checksum_source = "test", programs = new Dictionary<string, string> { ["wasm3"] = "wasm3" } });
        var r = CliProcess.RunWith(_work, TimeSpan.FromMinutes(1), new Dictionary<string, string>
        {
            ["WASM_PERFDIFF_DATA"] = Data, ["WASM_PERFDIFF_RELEASES"] = releases, ["WASM_PERFDIFF_MIRROR"] = $"http://127.0.0.1:{FixtureServer.FreePort()}",
        }, "runtimes", "install", "down");
        AssertFailedCleanly(r, "connection refused");
    }

    /// <summary>A tiny project in wasm3's upstream layout (top folder, CMakeLists.txt, a program named wasm3) that answers the probe module as a runtime would.</summary>
    private static byte[] FixtureSource(string top, bool broken = false) => Tar(
    [
        ($"{top}/CMakeLists.txt", """
            cmake_minimum_required(VERSION 3.10)
            project(fixture C)
            add_executable(wasm3 main.c)
            """u8.ToArray(), (UnixFileMode)0b110_100_100),
        ($"{top}/main.c", System.Text.Encoding.UTF8.GetBytes(broken ? "int main( {" : """
            #include <stdio.h>
            #include <string.h>
            int main(int argc, char **argv) {
                if (argc > 1 && strcmp(argv[1], "--version") == 0) { puts("Wasm3 v0.0-fixture"); return 0; }
                fputs("hello\n", stdout);
                return 0;
            }
            """), (UnixFileMode)0b110_100_100),
    ]);

    [RequiresCmakeFact]
    public void A_source_pinned_by_commit_builds_with_cmake_records_its_hash_and_refuses_a_changed_tarball()
    {
        var source = FixtureSource("wasm3-abc123");
        _server.Serve("wasm3-abc123.tar.gz", source);
        var releases = Releases(new
        {
            name = "wasm3-src", version = "abc123", kind = "source", url = "https://example.invalid/wasm3/archive/abc123.tar.gz", sha256 = (string?)null,
            checksum_source = "test: pinned by commit", asset = "wasm3-abc123.tar.gz",
            builds = new[] { new { dir = ".", flags = new[] { "-DCMAKE_BUILD_TYPE=Release" }, output = "wasm3", programs = new[] { "wasm3" } } },
        });
        var r = Install(releases, "files", "wasm3-src");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("wasm3-src@abc123 installed", r.Stdout);
        Assert.True(File.Exists(Path.Combine(Runtimes, "wasm3-src@abc123", "bin", "wasm3")));
        Assert.False(Directory.Exists(Path.Combine(Runtimes, "wasm3-src@abc123", "src")), "the source and build folders are deleted after the build");
        var recorded = File.ReadAllText(Path.Combine(Runtimes, "source-sha256.json"));
        Assert.Contains(Sha(source), recorded);

        // The same commit's tarball, changed: the recorded hash refuses it, and the working install stays.
        var remove = CliProcess.RunWith(_work, TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["WASM_PERFDIFF_DATA"] = Data }, "runtimes", "remove", "wasm3-src");
        Assert.Equal(0, remove.ExitCode);
        _server.Serve("wasm3-abc123.tar.gz", FixtureSource("wasm3-abc123", broken: true));
        var changed = Install(releases, "files", "wasm3-src");
        Assert.NotEqual(0, changed.ExitCode);
        Assert.Contains("SHA-256 mismatch", changed.Stderr);
        Assert.Equal([Path.Combine(Runtimes, "source-sha256.json")], Directory.GetFileSystemEntries(Runtimes));
    }

    [RequiresCmakeFact]
    public void A_source_that_does_not_compile_fails_in_one_line_and_leaves_nothing()
    {
        var source = FixtureSource("wasm3-broken", broken: true);
        _server.Serve("wasm3-broken.tar.gz", source);
        var releases = Releases(new
        {
            name = "wasm3-broken", version = "1", kind = "source", url = "https://example.invalid/wasm3-broken.tar.gz", sha256 = Sha(source),
            checksum_source = "test", builds = new[] { new { dir = ".", flags = Array.Empty<string>(), output = "wasm3", programs = new[] { "wasm3" } } },
        });
        AssertFailedCleanly(Install(releases, "files", "wasm3-broken"), "cmake build failed");
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("bin/../../wasm3")]
    [InlineData("/usr/bin/true")]
    public void A_program_path_outside_the_archive_is_refused_and_nothing_is_installed(string program)
    {
        var archive = Tar([("bin/wasm3", "#!/bin/sh\n"u8.ToArray(), Exe)]);
        var releases = PinArchive("escape", "1.0", "escape-1.0.tar.gz", archive, new() { ["wasm3"] = program });
        AssertFailedCleanly(Install(releases, "files", "escape"), "must be a relative path inside the archive");
    }

    [Fact]
    public void A_program_that_leads_outside_the_archive_through_links_is_refused_and_nothing_is_installed()
    {
        // Each link is inside the archive by its text (a/upK -> up(K-1)/.. reads as a/), but resolved one after the
        // other they climb to / (16 levels: more than the temp folder's depth, fewer than the kernel's 40 links per lookup), so bin/wasm3 -> ../a/up16/usr/bin/env is a program outside the install.
        var links = new List<(string, string)> { ("a/up0", "..") };
        for (var k = 1; k <= 16; k++) links.Add(($"a/up{k}", $"up{k - 1}/.."));
        links.Add(("bin/wasm3", "../a/up16/usr/bin/env"));
        var archive = Tar([("README", "x\n"u8.ToArray(), (UnixFileMode)0b110_100_100)], links: links);
        var releases = PinArchive("linkout", "1.0", "linkout-1.0.tar.gz", archive, new() { ["wasm3"] = "bin/wasm3" });
        AssertFailedCleanly(Install(releases, "files", "linkout"), "leads outside the archive");
    }

    [Fact]
    public void An_install_json_edited_to_point_outside_its_folder_is_refused_before_anything_runs()
    {
        var folder = Path.Combine(Runtimes, "tampered-1.0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "install.json"), JsonSerializer.Serialize(new
        {
            name = "tampered", version = "1.0", kind = "cli", program = "bin/wasm3", source = "release:test",
            programs = new Dictionary<string, string> { ["wasm3"] = "../../../../../../../../../../usr/bin/true" },
        }));
        var r = CliProcess.RunWith(_work, TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["WASM_PERFDIFF_DATA"] = Data },
            "exec", TestModules.Wat("hello"), "--runtime", "wasm3");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Contains("leads outside its folder", line);
    }
}
