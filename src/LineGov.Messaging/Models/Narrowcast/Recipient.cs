using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>
/// Who a narrowcast goes to (spec schema <c>Recipient</c>): an audience, the recipients of an earlier request
/// (redelivery), or a logical combination. Unknown types read as <see cref="UnknownRecipient"/>.
/// </summary>
[JsonConverter(typeof(RecipientJsonConverter))]
public abstract class Recipient
{
    private protected Recipient()
    {
    }

    /// <summary>The recipient type: <c>audience</c>, <c>redelivery</c> or <c>operator</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The users of an audience (spec schema <c>AudienceRecipient</c>).</summary>
public sealed class AudienceRecipient : Recipient
{
    internal const string TypeName = "audience";

    /// <summary>Creates an audience recipient.</summary>
    public AudienceRecipient(long audienceGroupId) => AudienceGroupId = audienceGroupId;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The audience ID.</summary>
    public long AudienceGroupId { get; }
}

/// <summary>The recipients of an earlier narrowcast or broadcast, by its request ID (spec schema <c>RedeliveryRecipient</c>).</summary>
public sealed class RedeliveryRecipient : Recipient
{
    internal const string TypeName = "redelivery";

    /// <summary>Creates a redelivery recipient.</summary>
    public RedeliveryRecipient(string requestId) => RequestId = requestId;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The earlier request's <c>x-line-request-id</c>.</summary>
    public string RequestId { get; }
}

/// <summary>A logical combination of recipients (spec schema <c>OperatorRecipient</c>): set exactly one of And, Or, Not.</summary>
public sealed class OperatorRecipient : Recipient
{
    internal const string TypeName = "operator";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Users in all of these.</summary>
    public IReadOnlyList<Recipient>? And { get; init; }

    /// <summary>Users in any of these.</summary>
    public IReadOnlyList<Recipient>? Or { get; init; }

    /// <summary>Users not in this.</summary>
    public Recipient? Not { get; init; }
}

/// <summary>A recipient whose <c>type</c> this version does not model, kept as raw JSON.</summary>
[JsonConverter(typeof(RawJsonModelConverter<UnknownRecipient>))]
public sealed class UnknownRecipient : Recipient, IRawJsonModel<UnknownRecipient>
{
    /// <summary>Wraps a raw recipient object.</summary>
    public UnknownRecipient(JsonElement raw) => Raw = RawJson.RequireObject(raw, nameof(raw));

    /// <summary>The <c>type</c> of the raw object (empty when it has none).</summary>
    public override string Type => RawJson.TypeOf(Raw);

    /// <summary>The object as read; this is what is sent.</summary>
    public JsonElement Raw { get; }

    static UnknownRecipient IRawJsonModel<UnknownRecipient>.FromRaw(JsonElement raw) => new(raw);
}

/// <summary>Dispatches <see cref="Recipient"/> on <c>type</c>.</summary>
internal sealed class RecipientJsonConverter : DiscriminatedJsonConverter<Recipient>
{
    protected override Type? Resolve(string type) => type switch
    {
        AudienceRecipient.TypeName => typeof(AudienceRecipient),
        RedeliveryRecipient.TypeName => typeof(RedeliveryRecipient),
        OperatorRecipient.TypeName => typeof(OperatorRecipient),
        _ => null,
    };

    protected override Recipient CreateUnknown(JsonElement raw) => new UnknownRecipient(raw);
}
