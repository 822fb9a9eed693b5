using System.CommandLine;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary>Every verb of the CLI; each lives in its own file and builds its own <see cref="Command"/>.</summary>
public static class Verbs
{
    public static IEnumerable<Command> All() =>
    [
        DoctorVerb.Create(),
        RuntimesVerb.Create(),
        ExecVerb.Create(),
        BuildVerb.Create(),
        GenVerb.Create(),
        CalibrateVerb.Create(),
        RunVerb.Create(),
        PlanVerb.Create(),
        AnalyzeVerb.Create(),
        EvaluateVerb.Create(),
        ImportVerb.Create(),
        ExportVerb.Create(),
        ProfileVerb.Create(),
        ReportVerb.Create(),
        CompareVerb.Create(),
        BisectVerb.Create(),
        ReduceVerb.Create(),
        ReduceCheckVerb.Create(),
        DemoVerb.Create(),
        HuntVerb.Create(),
    ];
}
