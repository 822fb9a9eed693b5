using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasmPerfDiff.Runtimes.Install;

/// <summary>How a pinned runtime is delivered: an official release archive, or a source tarball built with cmake.</summary>
public enum PinKind { Archive, Source }

/// <summary>
/// One cmake build of a source pin: the folder (inside the unpacked tarball) holding the
/// <c>CMakeLists.txt</c>, the configure flags, the program it produces (relative to the build folder),
/// and the catalog program keys that program serves (e.g. WAMR's Fast JIT build serves
/// <c>iwasm-fast-jit</c> and <c>iwasm-classic</c>).
/// </summary>
public sealed record SourceBuild(
    [property: JsonPropertyName("dir")] string Dir,
    [property: JsonPropertyName("flags")] IReadOnlyList<string> Flags,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("programs")] IReadOnlyList<string> Programs);

/// <summary>
/// A runtime version <c>runtimes install</c> can fetch: the official URL, the asset's file name (what a
/// mirror serves), its SHA-256 (null only for a source pinned by commit: the hash is recorded at the
/// first download and checked on every later one), and where the checksum was found. An archive names
/// its programs by catalog key → path inside the archive (after its single top folder, if it has one)
/// and optionally a library folder for <c>LD_LIBRARY_PATH</c>; a source pin names its cmake builds.
/// </summary>
public sealed record RuntimePin(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("kind")] PinKind Kind,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("sha256")] string? Sha256,
    [property: JsonPropertyName("checksum_source")] string ChecksumSource,
    [property: JsonPropertyName("programs")] IReadOnlyDictionary<string, string>? Programs = null,
    [property: JsonPropertyName("library_dir")] string? LibraryDir = null,
    [property: JsonPropertyName("builds")] IReadOnlyList<SourceBuild>? Builds = null,
    [property: JsonPropertyName("asset")] string? AssetName = null)
{
    /// <summary>The file name a mirror serves: the URL's last segment unless the pin names one (source tarballs do, since GitHub names them by tag only).</summary>
    [JsonIgnore] public string Asset => AssetName ?? Url[(Url.LastIndexOf('/') + 1)..];

    [JsonIgnore] public string Id => $"{Name}@{Version}";
}

/// <summary>
/// The pinned versions, newest first (the first of a name is its default). Every SHA-256 here was read
/// from a published source named in <see cref="RuntimePin.ChecksumSource"/> (package-manager recipes and
/// install scripts that pin the official asset); a version whose checksum could not be found is not
/// offered. Users add their own pins (a newer release, an internal build) with a releases file
/// (<c>--releases FILE</c> or <c>$WASM_PERFDIFF_RELEASES</c>), whose entries take precedence.
/// </summary>
public static class ReleasePins
{
    private const string Gh = "https://github.com";

    private static RuntimePin Wasmtime(string v, string sha, string where) =>
        new("wasmtime", v, PinKind.Archive, $"{Gh}/bytecodealliance/wasmtime/releases/download/v{v}/wasmtime-v{v}-x86_64-linux.tar.xz", sha, where,
            new Dictionary<string, string> { ["wasmtime"] = "wasmtime" });

    private static RuntimePin Wasmer(string v, string sha, string where) =>
        new("wasmer", v, PinKind.Archive, $"{Gh}/wasmerio/wasmer/releases/download/v{v}/wasmer-linux-amd64.tar.gz", sha, where,
            new Dictionary<string, string> { ["wasmer"] = "bin/wasmer" }, LibraryDir: "lib", AssetName: $"wasmer-{v}-linux-amd64.tar.gz");

    private static RuntimePin WasmEdge(string v, string platform, string sha, string where) =>
        new("wasmedge", v, PinKind.Archive, $"{Gh}/WasmEdge/WasmEdge/releases/download/{v}/WasmEdge-{v}-{platform}_x86_64.tar.gz", sha, where,
            new Dictionary<string, string> { ["wasmedge"] = "bin/wasmedge" }, LibraryDir: "lib64");

    private static RuntimePin Wamr(string tool, string v, string sha, string where) =>
        new(tool, v, PinKind.Archive, $"{Gh}/bytecodealliance/wasm-micro-runtime/releases/download/WAMR-{v}/{tool}-{v}-x86_64-ubuntu-22.04.tar.gz", sha, where,
            new Dictionary<string, string> { [tool] = tool });

    private static RuntimePin Wazero(string v, string sha, string where) =>
        new("wazero", v, PinKind.Archive, $"{Gh}/wazero/wazero/releases/download/v{v}/wazero_{v}_linux_amd64.tar.gz", sha, where,
            new Dictionary<string, string> { ["wazero"] = "wazero" });

    /// <summary>WAMR's product-mini for Linux: the fast interpreter with the defaults, Fast JIT (whose <c>--interp</c> is the classic interpreter) as ../shared/runtimes builds it.</summary>
    private static readonly SourceBuild[] WamrBuilds =
    [
        new("product-mini/platforms/linux", ["-DCMAKE_BUILD_TYPE=Release"], "iwasm", ["iwasm"]),
        new("product-mini/platforms/linux", ["-DCMAKE_BUILD_TYPE=Release", "-DWAMR_BUILD_FAST_JIT=1", "-DWAMR_BUILD_SIMD=0"], "iwasm", ["iwasm-fast-jit", "iwasm-classic"]),
    ];

    private static RuntimePin WamrSource(string v, string sha, string where) =>
        new("wamr", v, PinKind.Source, $"{Gh}/bytecodealliance/wasm-micro-runtime/archive/refs/tags/WAMR-{v}.tar.gz", sha, where,
            Builds: WamrBuilds, AssetName: $"wasm-micro-runtime-WAMR-{v}.tar.gz");

    /// <summary>A main-branch commit (release tags live on release branches, not on main).</summary>
    private static RuntimePin WamrCommit(string v, string commit, string where) =>
        new("wamr", v, PinKind.Source, $"{Gh}/bytecodealliance/wasm-micro-runtime/archive/{commit}.tar.gz", null, where,
            Builds: WamrBuilds, AssetName: $"wasm-micro-runtime-{v}.tar.gz");

    private static readonly SourceBuild[] Wasm3Builds = [new(".", ["-DCMAKE_BUILD_TYPE=Release", "-DBUILD_NATIVE=OFF"], "wasm3", ["wasm3"])];

    private static RuntimePin Wasm3Source(string v, string urlRef, string? sha, string where) =>
        new("wasm3", v, PinKind.Source, $"{Gh}/wasm3/wasm3/archive/{urlRef}.tar.gz", sha, where, Builds: Wasm3Builds, AssetName: $"wasm3-{v}.tar.gz");

    private const string Wasmono = "andreiltd/wasmono toolchains/wasm/releases.bzl (commit 01719db9)";
    private const string CiTools = "an install-ci-tools.sh that pins every runtime comparison tool (GitHub code index)";
    private const string RuntimeBzl = "a Bazel releases.bzl of WASI runtime binaries (GitHub code index)";
    private const string Hermit = "cashapp/hermit-packages wasmedge.hcl (commit f0517fd7)";
    private const string Homebrew = "Homebrew formula";

    public static IReadOnlyList<RuntimePin> BuiltIn { get; } =
    [
        Wasmtime("47.0.3", "ca1fc56d1afc40c8782e96c297fd182a0da162f9a8f52a1e7b094e1dd648e178", CiTools),
        Wasmtime("46.0.0", "2acc86341edd9ad8b6b8d0cbcea2bd0b1928b0b363c0a76f41ba56f33d9fd7bf", Wasmono),
        Wasmtime("45.0.0", "9d92e6dc04630f617e0e5d532327a5a917ac4898587e07f4fb7a5fc7fffef760", Wasmono + "; also " + RuntimeBzl),
        Wasmtime("43.0.0", "e75a4933253fbc7b027c670b699490f163e3c86784f1db66581ae80fc0eb652c", RuntimeBzl),
        Wasmtime("42.0.1", "dd5253f3cb521bb094f9951c3d2c45c746b31e5723b07ce56f162ec9bab44d59", Wasmono),
        Wasmtime("41.0.3", "797d0a4f790e79c33ccaf43bfe413f077fff951e3a35145afe7b5a8324f14644", Wasmono),

        Wasmer("7.2.1", "c46d6ff34a12b40d2e57bfc2ccbb8b9e209b0987ab305233619798b264a6bae5", CiTools),
        Wasmer("7.2.0", "fce71a4b0d504b9925e2461d1368b24cce60001111edb3fa871df8187a8a40f2", "a Rust sandbox provisioner's lock list (from the GitHub release assets' digest)"),
        Wasmer("7.0.1", "10a55885b11eb51b06bb24ff184facde8c2a83c252782a0c04e7a46926630d72", "a CMake download_wasmer() with URL_HASH (GitHub code index)"),

        WasmEdge("0.17.1", "manylinux_2_28", "27a1abec072ddf45b40e2e81e33c1e5fe9b241f31fd1bbf0182f05097489a07a", CiTools),
        WasmEdge("0.17.0", "manylinux_2_28", "5d8165559c553eacc9b87db1799c2204e056db8609bedbf61eb29f8a21a42993", RuntimeBzl),
        WasmEdge("0.16.1", "manylinux_2_28", "43756d546b580fa8cd874190ab1abc868de80a00c80551ae4d1d359d5f9628bc", RuntimeBzl),
        WasmEdge("0.14.1", "manylinux2014", "a82f9fb01a6a6f1dfbd1cb069dc96d116f22c15cdb01207a5d0e65096055d092", Hermit),
        WasmEdge("0.14.0", "manylinux2014", "73b3892f94c143dc09d53415c6848bb8e87206a1f614fd0edfc89957a0f1b027", Hermit),
        WasmEdge("0.13.5", "manylinux2014", "3686e0226871bf17b62ec57e1c15778c2947834b90af0dfad14f2e0202bf9284", Hermit),

        Wamr("iwasm", "2.4.5", "61e9d4c77e8f7b06d5cea657b2c319b9be5d51ec51ad8f6f576af84cecd391a3", CiTools),
        Wamr("iwasm", "2.4.4", "ec60ff8daed26319dfc4371843c56ac2dfadd20e2218cbbca97aecb8b390b7a8", RuntimeBzl + " (two versions of it agree)"),
        Wamr("wamrc", "2.4.5", "fedda99950a70f7dc45470ce88e12bf9e435b9482058ae97ce2cadd760e2329f", CiTools),

        Wazero("1.12.0", "88019896950340e8839b94af0510b248c3400d8d8f4a9b335dcaad93ac0484ff", CiTools + "; also " + RuntimeBzl),
        Wazero("1.11.0", "cb61ba01f493f889180e7a79b1683313dc5fdabf7e63a62fee7154085ffac9f5", RuntimeBzl),

        // Source builds: the default is what ../shared/runtimes was built from.
        WamrCommit("646b5a9b", "646b5a9bc786bfdb69f01e136706d524d4466120", "none published: pinned by commit (the ../shared/runtimes build, main after 2.4.5, prints 2.4.3), SHA-256 recorded at the first download"),
        WamrSource("2.4.3", "4ac27e697a3e64959756624d68ec18ce5fc54a2d3f31f1b3f702be6fcd48a7d8", Homebrew + " wasm-micro-runtime 2.4.3"),
        WamrSource("2.4.4", "03ad51037f06235577b765ee042a462326d8919300107af4546719c35525b298", Homebrew + " wasm-micro-runtime 2.4.4"),
        WamrSource("2.4.5", "1ab09d51099f276ca4a1d6629f6b589aab2bd0caa01445e05031a4bed22c199b", "a CMake FetchContent URL_HASH and an xmake-style package recipe (GitHub code index)"),
        Wasm3Source("c9b579d8", "c9b579d8c048db71ce2322cf68a0d88ae81684d2", null, "none published: pinned by commit (the ../shared/runtimes build), SHA-256 recorded at the first download"),
        // 6b8bcb1e is the v0.5.0 tag's commit: the same source as 0.5.0, in a tarball named by commit (so another hash).
        Wasm3Source("6b8bcb1e", "6b8bcb1e07bf26ebef09a7211b0a37a446eafd52", "d3d7a1cabbdc534e83c24be5181c637b03968f60a97fe0aac6cb515ee803b229", CiTools),
        Wasm3Source("0.5.0", "refs/tags/v0.5.0", "b778dd72ee2251f4fe9e2666ee3fe1c26f06f517c3ffce572416db067546536c", Homebrew + " wasm3 0.5.0"),
    ];

    /// <summary>The built-in pins plus a releases file's (which come first, so they win and may set a new default).</summary>
    public static IReadOnlyList<RuntimePin> All(string? releasesFile) => [.. Load(releasesFile), .. BuiltIn];

    /// <summary>Names <c>runtimes install</c> fetches as archives or builds from source.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<RuntimePin> pins) => pins.Select(p => p.Name).Distinct().ToList();

    /// <summary>The pin for NAME[@VERSION]: the named version (a prefix such as 46 matches 46.0.0), else the first listed.</summary>
    public static RuntimePin? Find(IReadOnlyList<RuntimePin> pins, string name, string? version)
    {
        var ofName = pins.Where(p => p.Name == name).ToList();
        if (ofName.Count == 0) return null;
        if (version is null) return ofName[0];
        return ofName.FirstOrDefault(p => p.Version == version) ?? ofName.FirstOrDefault(p => p.Version.StartsWith(version + ".", StringComparison.Ordinal))
            ?? throw new BadInputException($"{name}@{version} is not pinned (pinned: {string.Join(", ", ofName.Select(p => p.Version))}; add your own with a releases file, see README)");
    }

    private sealed record ReleasesFile([property: JsonPropertyName("releases")] List<RuntimePin>? Releases = null);

    private static IReadOnlyList<RuntimePin> Load(string? path)
    {
        if (path is null) return [];
        ReleasesFile file;
        try
        {
            file = JsonSerializer.Deserialize<ReleasesFile>(Host.InputFile.ReadAllText(path, "Releases", "releases file"), WireJson.Input) ?? new();
        }
        catch (JsonException e)
        {
            throw new BadInputException($"releases file '{path}': {e.Message.Split('\n')[0]}", "Releases");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read releases file '{path}': {e.Message}", "Releases");
        }
        var list = file.Releases ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            var where = $"releases file '{path}': releases[{i}]";
            if (p is null || string.IsNullOrWhiteSpace(p.Name) || string.IsNullOrWhiteSpace(p.Version) || string.IsNullOrWhiteSpace(p.Url))
                throw new BadInputException($"{where}: name, version and url are required", "Releases");
            if (!RuntimeNames.IsSafe(p.Name) || p.Version.Any(c => c is '/' or '\\') || p.Version.Contains(".."))
                throw new BadInputException($"{where}: name may only use {RuntimeNames.Alphabet} and version no path separators", "Releases");
            if (p.Sha256 is not null && (p.Sha256.Length != 64 || !p.Sha256.All(Uri.IsHexDigit)))
                throw new BadInputException($"{where} ({p.Id}): sha256 must be 64 hex digits", "Releases");
            if (p.Kind == PinKind.Archive && (p.Sha256 is null || p.Programs is not { Count: > 0 }))
                throw new BadInputException($"{where} ({p.Id}): an archive needs sha256 and programs", "Releases");
            if (p.Programs?.FirstOrDefault(kv => !IsInsidePath(kv.Value)) is { Key: not null } outside)
                throw new BadInputException($"{where} ({p.Id}): program '{outside.Key}' is '{outside.Value}': it must be a relative path inside the archive (no '..', not absolute)", "Releases");
            if (p.LibraryDir is { } libraryDir && !IsInsidePath(libraryDir))
                throw new BadInputException($"{where} ({p.Id}): library_dir '{libraryDir}' must be a relative path inside the archive (no '..', not absolute)", "Releases");
            if (p.Kind == PinKind.Source && p.Builds is not { Count: > 0 })
                throw new BadInputException($"{where} ({p.Id}): a source pin needs builds", "Releases");
            if (p.Asset.Length == 0 || p.Asset.Contains('/') || p.Asset.Contains(".."))
                throw new BadInputException($"{where} ({p.Id}): the asset name '{p.Asset}' must be a plain file name", "Releases");
        }
        return list;
    }

    /// <summary>A path that stays inside the folder it is taken in, by its text: relative, no <c>..</c> part, not empty.
    /// (Links inside the archive are checked again once it is unpacked.)</summary>
    private static bool IsInsidePath(string path) =>
        path.Length > 0 && !Path.IsPathRooted(path) && !path.Contains('\0') && path.Split('/').All(part => part != "..");
}
