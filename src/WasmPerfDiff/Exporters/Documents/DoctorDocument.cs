using WasmPerfDiff.Host;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>doctor --json</c>: every runtime configuration and toolchain, available or not and why.</summary>
public sealed record DoctorDocument(IReadOnlyList<DoctorDocument.RuntimeEntry> Runtimes, IReadOnlyList<DoctorDocument.ToolEntry> Toolchains)
{
    public sealed record RuntimeEntry(string Name, string Engine, string Tier, bool Available, string? Version, string? Path, string? Reason, string Command);
    public sealed record ToolEntry(string Name, bool Available, string? Version, string? Path, string? Reason, IReadOnlyList<string> DebianPackages, string Purpose);

    public static DoctorDocument From(IReadOnlyList<(IRuntime Runtime, RuntimeAvailability Availability)> runtimes, IReadOnlyList<Toolchain> toolchains) => new(
        runtimes.Select(r => new RuntimeEntry(r.Runtime.Name, r.Runtime.Engine, r.Runtime.Tier, r.Availability.Available, r.Availability.Version,
            r.Availability.Path, r.Availability.Reason, r.Runtime.Describe())).ToList(),
        toolchains.Select(t => new ToolEntry(t.Name, t.Available, t.Version, t.Path, t.Reason, t.DebianPackages, t.Purpose)).ToList());
}
