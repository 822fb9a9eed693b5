using Wasmtime;
using WasmPerfDiff.Host.Processes;

namespace WasmPerfDiff.Runtimes.Embedded;

/// <summary>
/// The code that runs inside the worker child process: compile, instantiate and run one WASI module
/// on one embedded Wasmtime tier, with the guest's stdin/stdout/stderr inherited from the process
/// (so the harness reads them like any runtime's), and the phase marks written to a side-channel file.
/// Command line: <c>--tier T --marks FILE [--dir DIR] [--perfmap] [--warm [--warm-stdin FILE]] -- WASM [ARGS...]</c>.
/// <c>--warm</c>: after the measured run, instantiate the same compiled module again in a new store (fresh memory and
/// WASI state: wasi-libc's <c>_start</c> traps when called twice in one instance) and run <c>_start</c> once more with
/// stdout and stderr discarded and stdin read again from <c>--warm-stdin</c>, so the process's output is the first run's
/// alone; its times go to the side channel as the warm execution.
/// </summary>
public static class WasmtimeWorker
{
    public const string Verb = "__wasmtime-worker";

    public static int Main(IReadOnlyList<string> args)
    {
        var start = Posix.RealtimeNs();
        var options = WorkerOptions.Parse(args);
        var marks = new SideChannelMarks { StartNs = start };
        try
        {
            // Start-up ends when the module's bytes are in memory, as for every engine family: process start,
            // .NET and engine initialisation and the file read count as startup, compilation starts after.
            using var engine = new Engine(options.Tier.CreateConfig(options.PerfMap));
            var bytes = File.ReadAllBytes(options.Wasm);
            marks = marks with { LoadedNs = Posix.RealtimeNs() };
            using var module = Module.FromBytes(engine, Path.GetFileName(options.Wasm), bytes);
            marks = marks with { CompiledNs = Posix.RealtimeNs() };

            using var linker = new Linker(engine);
            using var store = new Wasmtime.Store(engine);
            linker.DefineWasi();
            store.SetWasiConfiguration(GuestWasi(options)
                .WithInheritedStandardInput()
                .WithInheritedStandardOutput()
                .WithInheritedStandardError());
            var instance = linker.Instantiate(store, module);
            var entry = instance.GetAction("_start")
                ?? throw new WasmtimeException("the module exports no _start function (not a WASI command)");
            marks = marks with { InstantiatedNs = Posix.RealtimeNs() };

            var exitCode = RunStart(entry);
            marks = marks with { ExecutedNs = Posix.RealtimeNs(), Status = RunnerStatus.Ok, ExitCode = exitCode };
            if (options.Warm) marks = RunWarm(marks, engine, linker, module, options);
        }
        catch (TrapException e)
        {
            marks = marks with { ExecutedNs = Posix.RealtimeNs(), Status = RunnerStatus.Trap, Message = FirstLine(e.Message) };
        }
        catch (WasmtimeException e)
        {
            // Raised before execution: the module did not compile or link on this tier.
            marks = marks with { Status = RunnerStatus.Unsupported, Message = FirstLine(e.Message) };
        }
        // The store, module and engine are dropped by now: the runtime's teardown ends here. Writing the marks and the
        // .NET worker's own exit come after and are not the runtime's cost.
        if (marks.ExecutedNs is not null) marks = marks with { TornDownNs = Posix.RealtimeNs() };
        marks.Write(options.Marks);
        if (marks.Message is not null) Console.Error.WriteLine($"wasmtime worker: {marks.Message}");
        return marks.ExitCode ?? 1;
    }

    /// <summary>The second run of the warm mode: a new store and instance of the compiled <paramref name="module"/>, output discarded.</summary>
    private static SideChannelMarks RunWarm(SideChannelMarks marks, Engine engine, Linker linker, Module module, WorkerOptions options)
    {
        try
        {
            using var store = new Wasmtime.Store(engine);
            store.SetWasiConfiguration(GuestWasi(options)
                .WithStandardInput(options.WarmStdin ?? "/dev/null")
                .WithStandardOutput("/dev/null")
                .WithStandardError("/dev/null"));
            var entry = linker.Instantiate(store, module).GetAction("_start")!;
            var ready = Posix.RealtimeNs();
            var exitCode = RunStart(entry);
            var done = Posix.RealtimeNs();
            return exitCode == marks.ExitCode
                ? marks with { WarmInstantiatedNs = ready, WarmExecutedNs = done }
                : marks with { WarmMessage = $"the warm run exited {exitCode}, the first {marks.ExitCode}" };
        }
        catch (WasmtimeException e) // a trap (TrapException derives from it) or a link error of the second instance
        {
            return marks with { WarmMessage = "warm run: " + FirstLine(e.Message) };
        }
    }

    /// <summary>The guest's arguments and preopened directory, the same for the measured run and the warm one; each adds its stdio.</summary>
    private static WasiConfiguration GuestWasi(WorkerOptions options)
    {
        var wasi = new WasiConfiguration().WithArgs([Path.GetFileName(options.Wasm), .. options.GuestArgs]);
        return options.Dir is null ? wasi : wasi.WithPreopenedDirectory(options.Dir, options.Dir, mutable: true);
    }

    /// <summary>Runs <c>_start</c>; its exit code (0 when it returns, the code given to <c>proc_exit</c> otherwise). Traps propagate.</summary>
    private static int RunStart(Action entry)
    {
        try { entry(); return 0; }
        catch (WasmtimeException e) when (e.ExitCode is int code) { return code; }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private sealed record WorkerOptions(WasmtimeTier Tier, string Marks, string? Dir, bool PerfMap, string Wasm, IReadOnlyList<string> GuestArgs)
    {
        public bool Warm { get; init; }
        public string? WarmStdin { get; init; }

        public static WorkerOptions Parse(IReadOnlyList<string> args)
        {
            WasmtimeTier? tier = null;
            string? marks = null, dir = null;
            var perfMap = false;
            var warm = false;
            string? warmStdin = null;
            var i = 0;
            for (; i < args.Count && args[i] != "--"; i++)
            {
                switch (args[i])
                {
                    case "--tier": tier = WasmtimeTiers.Parse(args[++i]); break;
                    case "--marks": marks = args[++i]; break;
                    case "--dir": dir = args[++i]; break;
                    case "--perfmap": perfMap = true; break;
                    case "--warm": warm = true; break;
                    case "--warm-stdin": warmStdin = args[++i]; break;
                    default: throw new BadInputException($"worker: unknown option '{args[i]}'");
                }
            }
            if (tier is null || marks is null || i + 1 >= args.Count)
                throw new BadInputException("worker: usage: --tier T --marks FILE [--dir DIR] [--perfmap] -- WASM [ARGS...]");
            return new WorkerOptions(tier.Value, marks, dir, perfMap, args[i + 1], args.Skip(i + 2).ToList()) { Warm = warm, WarmStdin = warmStdin };
        }
    }
}
