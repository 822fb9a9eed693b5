using System.Text.Json;
using System.Text.Json.Serialization;
using WasmPerfDiff.Measurement;
using WasmPerfDiff.Store;

namespace WasmPerfDiff.Exporters;

/// <summary>
/// One run as a flat export row: a value per column of <see cref="Columns"/>, which are the CSV header and the JSON
/// properties alike. The phase columns come from <see cref="Phases.Named"/>, the one list of phases, so a new phase
/// reaches both exports without a change here.
/// </summary>
[JsonConverter(typeof(ExportRowJson))]
public sealed class ExportRow
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "campaign", "case", "runtime", "round", "started", "status", "exit_code", "signal",
        "wall_ms", "user_ms", "sys_ms", "max_rss_kb", "stdout_bytes", "stdout_sha256", "stderr_bytes", "stderr_sha256",
        .. Phases.Names, "message",
    ];

    /// <summary>The values in the order of <see cref="Columns"/>: text, numbers, the start time, or null where unknown.</summary>
    public IReadOnlyList<object?> Values { get; }

    private ExportRow(IReadOnlyList<object?> values) => Values = values;

    public static ExportRow From(RunRow row)
    {
        var (run, r) = (row.Run, row.Run.Result);
        return new ExportRow(
        [
            row.CampaignId, run.Case, r.Runtime, run.Round, r.StartedAt, r.Status.ToWire(), r.ExitCode, r.Signal,
            r.WallMs, r.UserMs, r.SysMs, r.MaxRssKb, r.StdoutBytes, r.StdoutSha256, r.StderrBytes, r.StderrSha256,
            .. r.Phases.Named().Select(p => (object?)p.Ms), r.Message,
        ]);
    }

    /// <summary>The row as one JSON object, a property per column; each value written as the serializer writes its type.</summary>
    private sealed class ExportRowJson : JsonConverter<ExportRow>
    {
        public override ExportRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("export rows are written, not read");

        public override void Write(Utf8JsonWriter writer, ExportRow row, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            for (var i = 0; i < Columns.Count; i++)
            {
                writer.WritePropertyName(Columns[i]);
                if (row.Values[i] is { } v) JsonSerializer.Serialize(writer, v, v.GetType(), options);
                else writer.WriteNullValue();
            }
            writer.WriteEndObject();
        }
    }
}
