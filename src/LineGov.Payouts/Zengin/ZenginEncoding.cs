namespace LineGov.Payouts.Zengin;

/// <summary>
/// The single-byte JIS X 0201 part of Shift_JIS: ASCII as is (0x5C is ¥, as JIS X 0201 Roman has it) and the
/// half-width katakana U+FF61–U+FF9F as 0xA1–0xDF. That is every byte a Zengin record may hold, so no code-page
/// provider is needed.
/// </summary>
internal static class ZenginEncoding
{
    public static byte Encode(char c) => c switch
    {
        '¥' => 0x5C,
        >= ' ' and <= '~' and not '\\' => (byte)c,
        >= '\uFF61' and <= '\uFF9F' => (byte)(c - 0xFF61 + 0xA1),
        _ => throw new ArgumentOutOfRangeException(nameof(c), "Not a JIS X 0201 character."),
    };

    /// <summary>Decodes one byte; <c>'\0'</c> for a byte outside JIS X 0201's printable range.</summary>
    public static char Decode(byte b) => b switch
    {
        0x5C => '¥',
        >= 0x20 and <= 0x7E => (char)b,
        >= 0xA1 and <= 0xDF => (char)(b - 0xA1 + 0xFF61),
        _ => '\0',
    };
}
