using WasmPerfDiff.Runtimes.Install;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>runtimes list --json</c>: every configuration as <c>doctor</c> shows it, and what is installed where.</summary>
public sealed record RuntimesDocument(IReadOnlyList<DoctorDocument.RuntimeEntry> Runtimes, IReadOnlyList<RuntimesDocument.InstalledEntry> Installed, string DataDir)
{
    public sealed record InstalledEntry(string Name, string Version, string Source, string Folder);

    public static RuntimesDocument From(DoctorDocument doctor, IReadOnlyList<InstalledRuntime> installed) =>
        new(doctor.Runtimes, installed.Select(i => new InstalledEntry(i.Name, i.Version, i.Source, i.Folder)).ToList(), InstalledRuntimes.Root);
}

/// <summary><c>runtimes install --json</c>: per runtime named, what was installed and which configurations passed the probe run, or why it failed.</summary>
public sealed record InstallDocument(IReadOnlyList<InstallDocument.Entry> Installs)
{
    public sealed record Dropped(string Name, string Reason);

    public sealed record Entry(string Spec, bool Ok, string? Runtime, string? Version, string? Folder, bool AlreadyInstalled,
        IReadOnlyList<string> Working, IReadOnlyList<Dropped> Dropped, string? Error);

    public static Entry Of(string spec, InstallResult r) =>
        new(spec, true, r.Runtime.Name, r.Runtime.Version, r.Runtime.Folder, r.AlreadyInstalled, r.Working, r.Dropped.Select(d => new Dropped(d.Name, d.Reason)).ToList(), null);

    public static Entry Failed(string spec, string error) => new(spec, false, null, null, null, false, [], [], error);
}

/// <summary><c>runtimes install --list --json</c>: every pinned version, where it comes from and its checksum.</summary>
public sealed record PinsDocument(IReadOnlyList<PinsDocument.Pin> Pins)
{
    public sealed record Pin(string Name, string Version, string Kind, string Url, string Asset, string? Sha256, string ChecksumSource, bool Default);

    public static PinsDocument From(IReadOnlyList<RuntimePin> pins) =>
        new(pins.Select(p => new Pin(p.Name, p.Version, p.Kind.ToWire(), p.Url, p.Asset, p.Sha256, p.ChecksumSource, pins.First(q => q.Name == p.Name) == p)).ToList());
}
