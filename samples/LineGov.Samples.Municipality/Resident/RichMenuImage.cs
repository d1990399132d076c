using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LineGov.Samples.Municipality.Resident;

/// <summary>
/// The rich menu's picture: three coloured panels of the menu's size as a PNG, written here so the sample needs no image
/// file (LINE requires an image before a menu can be linked). A real deployment uploads its designed 2500×843 image.
/// </summary>
internal static class RichMenuImage
{
    public const int Width = 2500;
    public const int Height = 843;

    private static readonly byte[][] Colors = [[0x06, 0xC7, 0x55], [0x1E, 0x88, 0xE5], [0xF5, 0x7C, 0x00]];

    public static byte[] CreatePng()
    {
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (Width * 3)];
            for (var x = 0; x < Width; x++)
            {
                var color = Colors[Math.Min(x * 3 / Width, 2)];
                var border = x % (Width / 3) < 6;
                row[1 + (x * 3)] = border ? (byte)0xFF : color[0];
                row[2 + (x * 3)] = border ? (byte)0xFF : color[1];
                row[3 + (x * 3)] = border ? (byte)0xFF : color[2];
            }

            for (var y = 0; y < Height; y++)
            {
                zlib.Write(row);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(length, crc);
        png.Write(length);
    }

    private static uint Crc32(uint crc, byte[] data)
    {
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc;
    }
}
