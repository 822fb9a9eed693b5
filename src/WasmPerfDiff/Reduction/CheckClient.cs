using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Reduction;

/// <summary>
/// The check client (<c>check-client.c</c>), built on first use as the launcher is (<see cref="NativeHelper"/>): the
/// reducer's interestingness test when the reduce process serves checks itself (<see cref="CheckServer"/>).
/// </summary>
public static class CheckClient
{
    private const string ResourceName = "WasmPerfDiff.Reduction.check-client.c";

    private static readonly Lazy<(string? Path, string? Reason)> Built = new(() =>
        OperatingSystem.IsLinux() ? NativeHelper.Build(ResourceName, "check-client") : (null, "the check client needs Linux"));

    /// <summary>The client's binary, or null when no C compiler could build it (each check then starts the tool).</summary>
    public static string? Path => Built.Value.Path;
}
