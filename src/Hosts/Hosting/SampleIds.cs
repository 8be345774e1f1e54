namespace Outreach.Hosting;

/// <summary>Reproducible ids for the sample data: drawn from a seeded generator, shaped as random (version 4) GUIDs.</summary>
internal static class SampleIds
{
    public static Guid Next(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
