using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LineGov.Jpki;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> of LineGov.Jpki, both named <c>LineGov.Jpki</c>.
/// Tags carry outcome codes only, never certificate contents.
/// </summary>
public static class JpkiDiagnostics
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "LineGov.Jpki";

    internal static readonly ActivitySource ActivitySource = new(Name);

    internal static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Validations =
        Meter.CreateCounter<long>("linegov.jpki.validations", description: "Certificate validations, by outcome and path.");

    private static readonly Counter<long> SignatureVerifications =
        Meter.CreateCounter<long>("linegov.jpki.signature_verifications", description: "Signed-application verifications, by outcome and format.");

    internal static void RecordValidation(JpkiValidationResult result)
    {
        if (Validations.Enabled)
        {
            Validations.Add(
                1,
                new KeyValuePair<string, object?>("valid", result.IsValid),
                new KeyValuePair<string, object?>("path", result.Path == JpkiValidationPath.Direct ? "direct" : "platform"));
        }
    }

    internal static void RecordSignature(bool valid, string format)
    {
        if (SignatureVerifications.Enabled)
        {
            SignatureVerifications.Add(
                1,
                new KeyValuePair<string, object?>("valid", valid),
                new KeyValuePair<string, object?>("format", format));
        }
    }
}
