using WasmPerfDiff.Host;
namespace WasmPerfDiff.Runtimes;

/// <summary>
/// Finds how to start the tool itself as a child (for the embedded Wasmtime worker): the dotnet host
/// plus <c>wasm-perfdiff.dll</c>, which sits in the application's base directory for the CLI, an
/// installed tool and the tests alike.
/// </summary>
public static class WorkerLauncher
{
    public const string CliAssembly = "wasm-perfdiff.dll";

    public static string? CliDll =>
        Path.Combine(AppContext.BaseDirectory, CliAssembly) is var dll && File.Exists(dll) ? dll : null;

    private static readonly Lazy<string?> Host = new(FindDotnetHost);

    public static string? DotnetHost => Host.Value;

    private static string? FindDotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        foreach (var root in new[] { Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is string h ? Path.GetDirectoryName(h) : null,
                     Environment.GetEnvironmentVariable("DOTNET_ROOT") })
            if (root is not null && File.Exists(Path.Combine(root, "dotnet"))) return Path.Combine(root, "dotnet");
        return ExecutableSearch.Find("dotnet");
    }
}
