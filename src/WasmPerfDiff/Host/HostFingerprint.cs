using System.Reflection;
using System.Runtime.InteropServices;

namespace WasmPerfDiff.Host;

/// <summary>
/// The machine a campaign ran on: timings from different CPUs or kernels are not comparable,
/// so every campaign row records this and shard merges keep each shard's own.
/// </summary>
public sealed record HostFingerprint(string CpuModel, int Cores, string Kernel, string Os, string ToolVersion)
{
    public static HostFingerprint Current() => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        ReadFirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString(),
        OsName(),
        CurrentToolVersion());

    public static string CurrentToolVersion() =>
        typeof(HostFingerprint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HostFingerprint).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string ReadCpuModel()
    {
        // x86 kernels say "model name", some arm64 kernels only "Hardware" or nothing at all.
        if (File.Exists("/proc/cpuinfo"))
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal) || line.StartsWith("Hardware", StringComparison.Ordinal))
                    return line[(line.IndexOf(':') + 1)..].Trim();
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string OsName()
    {
        if (File.Exists("/etc/os-release"))
            foreach (var line in File.ReadLines("/etc/os-release"))
                if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                    return line["PRETTY_NAME=".Length..].Trim('"');
        return RuntimeInformation.OSDescription;
    }

    private static string? ReadFirstLine(string path) =>
        File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
}
