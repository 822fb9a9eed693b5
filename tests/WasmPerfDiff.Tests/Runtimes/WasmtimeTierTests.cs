using WasmPerfDiff.Runtimes.Embedded;

namespace WasmPerfDiff.Tests.Runtimes;

/// <summary>
/// Winch and Pulley are reached through the binding's internal native handle and the C API. These
/// tests fail loudly when a new Wasmtime.Dotnet version changes that shape.
/// </summary>
public class WasmtimeTierTests
{
    [Fact]
    public void The_binding_still_exposes_native_handles_for_config_and_engine()
    {
        using var config = new Wasmtime.Config();
        Assert.NotEqual(IntPtr.Zero, WasmtimeTiers.NativeHandle(config));
        using var engine = new Wasmtime.Engine();
        Assert.NotEqual(IntPtr.Zero, WasmtimeTiers.NativeHandle(engine));
    }

    [Theory]
    [InlineData(WasmtimeTier.Pulley, true)]
    [InlineData(WasmtimeTier.Cranelift, false)]
    [InlineData(WasmtimeTier.Winch, false)]
    public void Only_the_pulley_tier_builds_an_interpreter_engine(WasmtimeTier tier, bool pulley)
    {
        using var engine = new Wasmtime.Engine(tier.CreateConfig(perfMap: false));
        Assert.Equal(pulley, WasmtimeTiers.IsPulley(engine));
    }
}
