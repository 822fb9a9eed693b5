using System.Reflection;
using System.Runtime.InteropServices;
using Wasmtime;

namespace WasmPerfDiff.Runtimes.Embedded;

/// <summary>
/// The four execution tiers of the embedded Wasmtime (NuGet Wasmtime 50.0.1). Winch and Pulley are not in
/// the .NET API, so they are reached through the native C API the package ships:
/// <c>wasmtime_config_strategy_set(cfg, 2)</c> selects Winch and <c>wasmtime_config_target_set(cfg, "pulley64")</c>
/// selects the Pulley interpreter.
/// </summary>
public enum WasmtimeTier { Cranelift, CraneliftO0, Winch, Pulley }

public static partial class WasmtimeTiers
{
    /// <summary>Value of wasmtime_strategy_t for Winch in the C API (AUTO=0, CRANELIFT=1, WINCH=2).</summary>
    private const byte WinchStrategy = 2;
    private const string PulleyTarget = "pulley64";

    public static string RuntimeName(this WasmtimeTier tier) => tier switch
    {
        WasmtimeTier.Cranelift => "wasmtime-cranelift",
        WasmtimeTier.CraneliftO0 => "wasmtime-cranelift-o0",
        WasmtimeTier.Winch => "wasmtime-winch",
        WasmtimeTier.Pulley => "wasmtime-pulley",
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };

    public static string TierName(this WasmtimeTier tier) => tier.RuntimeName()["wasmtime-".Length..];

    public static WasmtimeTier Parse(string name) =>
        Enum.GetValues<WasmtimeTier>().FirstOrDefault(t => t.TierName() == name || t.RuntimeName() == name, (WasmtimeTier)(-1)) is var t && (int)t >= 0
            ? t
            : throw new BadInputException($"unknown wasmtime tier '{name}'");

    public static Config CreateConfig(this WasmtimeTier tier, bool perfMap)
    {
        var config = new Config();
        if (perfMap) config.WithProfilingStrategy(ProfilingStrategy.PerfMap);
        switch (tier)
        {
            case WasmtimeTier.Cranelift:
                config.WithOptimizationLevel(OptimizationLevel.Speed);
                break;
            case WasmtimeTier.CraneliftO0:
                config.WithOptimizationLevel(OptimizationLevel.None);
                break;
            case WasmtimeTier.Winch:
                // The binding's WithCompilerStrategy accepts only Auto and Cranelift, so go to the C API.
                wasmtime_config_strategy_set(NativeHandle(config), WinchStrategy);
                break;
            case WasmtimeTier.Pulley:
                var error = wasmtime_config_target_set(NativeHandle(config), PulleyTarget);
                if (error != IntPtr.Zero)
                    throw new InvalidOperationException($"wasmtime rejected target {PulleyTarget}");
                break;
        }
        return config;
    }

    /// <summary>True when the engine runs the Pulley interpreter (checks that the tier really took effect).</summary>
    public static bool IsPulley(Engine engine) => wasmtime_engine_is_pulley(NativeHandle(engine));

    /// <summary>
    /// The native pointer behind a Wasmtime.Dotnet object. The binding keeps it in an internal
    /// <c>NativeHandle</c> property (a SafeHandle); the package version is pinned and a test fails loudly
    /// if this shape changes.
    /// </summary>
    public static IntPtr NativeHandle(object wasmtimeObject)
    {
        var property = wasmtimeObject.GetType().GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new MissingMemberException(wasmtimeObject.GetType().FullName, "NativeHandle");
        return property.GetValue(wasmtimeObject) switch
        {
            SafeHandle handle => handle.DangerousGetHandle(),
            IntPtr pointer => pointer,
            var other => throw new MissingMemberException($"{wasmtimeObject.GetType().FullName}.NativeHandle is {other?.GetType().FullName ?? "null"}, not a handle"),
        };
    }

    [LibraryImport("wasmtime", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr wasmtime_config_target_set(IntPtr config, string target);

    [LibraryImport("wasmtime")]
    private static partial void wasmtime_config_strategy_set(IntPtr config, byte strategy);

    [LibraryImport("wasmtime")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool wasmtime_engine_is_pulley(IntPtr engine);
}
