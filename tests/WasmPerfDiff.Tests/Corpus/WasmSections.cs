namespace WasmPerfDiff.Tests.Corpus;

/// <summary>Reads the section table of a wasm binary (id, custom name, payload size): enough to check code size and the name section.</summary>
public static class WasmSections
{
    public sealed record Section(byte Id, string? CustomName, long Size);

    public const byte CodeSectionId = 10;

    public static IReadOnlyList<Section> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || bytes[0] != 0 || bytes[1] != (byte)'a' || bytes[2] != (byte)'s' || bytes[3] != (byte)'m')
            throw new InvalidDataException($"{path} is not a wasm binary");
        var sections = new List<Section>();
        var pos = 8;
        while (pos < bytes.Length)
        {
            var id = bytes[pos++];
            var size = (long)Leb(bytes, ref pos);
            var start = pos;
            string? name = null;
            if (id == 0)
            {
                var len = (int)Leb(bytes, ref pos);
                name = System.Text.Encoding.UTF8.GetString(bytes, pos, len);
            }
            sections.Add(new Section(id, name, size));
            pos = start + (int)size;
        }
        return sections;
    }

    private static ulong Leb(byte[] b, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var x = b[pos++];
            result |= (ulong)(x & 0x7f) << shift;
            if ((x & 0x80) == 0) return result;
        }
    }
}
