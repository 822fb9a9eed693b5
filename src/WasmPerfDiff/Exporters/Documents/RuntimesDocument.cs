using WasmPerfDiff.Runtimes.Install;

namespace WasmPerfDiff.Exporters.Documents;

/// <summary><c>runtimes list --json</c>: every configuration as <c>doctor</c> shows it, and what is installed where.</summary>
public sealed record RuntimesDocument(IReadOnlyList<DoctorDocument.RuntimeEntry> Runtimes, IReadOnlyList<RuntimesDocument.InstalledEntry> Installed, string DataDir)
{
    public sealed record InstalledEntry(string Name, string Version, string Source, string Folder);

    public static RuntimesDocument From(DoctorDocument doctor, IReadOnlyList<InstalledRuntime> installed) =>
        new(doctor.Runtimes, installed.Select(i => new InstalledEntry(i.Name, i.Version, i.Source, i.Folder)).ToList(), InstalledRuntimes.Root);
}
