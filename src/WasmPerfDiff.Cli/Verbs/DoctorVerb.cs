using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Workflows;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary><c>doctor</c>: which runtime configurations and toolchains this machine has, and how to get the missing ones.</summary>
public static class DoctorVerb
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("doctor", "list every runtime configuration and toolchain: available or not, why, version, path") { json };
        command.SetAction(parse =>
        {
            var report = DoctorWorkflow.Check(parse.GetValue(CommonOptions.Config), RuntimesView.Probing);
            if (parse.GetValue(json)) JsonOutput.Print(DoctorDocument.From(report.Runtimes, report.Toolchains));
            else DoctorTables.Print(report);
            return ExitCodes.Ok;
        });
        return command;
    }
}
