using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>The <c>filter</c> of a narrowcast (spec schema <c>Filter</c>).</summary>
public sealed class NarrowcastFilter
{
    /// <summary>Creates a filter.</summary>
    public NarrowcastFilter(DemographicFilter demographic) => Demographic = demographic;

    /// <summary>The demographic condition.</summary>
    public DemographicFilter Demographic { get; }
}

/// <summary>The <c>limit</c> of a narrowcast (spec schema <c>Limit</c>).</summary>
public sealed class NarrowcastLimit
{
    /// <summary>Most recipients, chosen at random.</summary>
    public int? Max { get; init; }

    /// <summary>Sends only within the remaining monthly quota.</summary>
    public bool? UpToRemainingQuota { get; init; }

    /// <summary>Cancels the send rather than reaching only part of the audience (needs <see cref="UpToRemainingQuota"/>).</summary>
    public bool? ForbidPartialDelivery { get; init; }
}

/// <summary>
/// A demographic condition of a narrowcast (spec schema <c>DemographicFilter</c>), polymorphic by <c>type</c>:
/// age, appType, area, gender, subscriptionPeriod, operator. Unknown types read as <see cref="UnknownDemographicFilter"/>.
/// </summary>
[JsonConverter(typeof(DemographicFilterJsonConverter))]
public abstract class DemographicFilter
{
    private protected DemographicFilter()
    {
    }

    /// <summary>The filter type.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Users by age band (spec schema <c>AgeDemographicFilter</c>).</summary>
public sealed class AgeDemographicFilter : DemographicFilter
{
    internal const string TypeName = "age";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Age at least.</summary>
    public AgeDemographic? Gte { get; init; }

    /// <summary>Age below.</summary>
    public AgeDemographic? Lt { get; init; }
}

/// <summary>Users by OS (spec schema <c>AppTypeDemographicFilter</c>).</summary>
public sealed class AppTypeDemographicFilter : DemographicFilter
{
    internal const string TypeName = "appType";

    /// <summary>Creates the filter.</summary>
    public AppTypeDemographicFilter(params IReadOnlyList<AppTypeDemographic> oneOf)
    {
        ArgumentNullException.ThrowIfNull(oneOf);
        OneOf = [.. oneOf];
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Any of these.</summary>
    public IReadOnlyList<AppTypeDemographic> OneOf { get; }
}

/// <summary>Users by region (spec schema <c>AreaDemographicFilter</c>).</summary>
public sealed class AreaDemographicFilter : DemographicFilter
{
    internal const string TypeName = "area";

    /// <summary>Creates the filter.</summary>
    public AreaDemographicFilter(params IReadOnlyList<AreaDemographic> oneOf)
    {
        ArgumentNullException.ThrowIfNull(oneOf);
        OneOf = [.. oneOf];
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Any of these.</summary>
    public IReadOnlyList<AreaDemographic> OneOf { get; }
}

/// <summary>Users by gender (spec schema <c>GenderDemographicFilter</c>).</summary>
public sealed class GenderDemographicFilter : DemographicFilter
{
    internal const string TypeName = "gender";

    /// <summary>Creates the filter.</summary>
    public GenderDemographicFilter(params IReadOnlyList<GenderDemographic> oneOf)
    {
        ArgumentNullException.ThrowIfNull(oneOf);
        OneOf = [.. oneOf];
    }

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Any of these.</summary>
    public IReadOnlyList<GenderDemographic> OneOf { get; }
}

/// <summary>Users by how long they have been friends (spec schema <c>SubscriptionPeriodDemographicFilter</c>).</summary>
public sealed class SubscriptionPeriodDemographicFilter : DemographicFilter
{
    internal const string TypeName = "subscriptionPeriod";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>At least.</summary>
    public SubscriptionPeriodDemographic? Gte { get; init; }

    /// <summary>Less than.</summary>
    public SubscriptionPeriodDemographic? Lt { get; init; }
}

/// <summary>A logical combination of filters (spec schema <c>OperatorDemographicFilter</c>): set exactly one of And, Or, Not.</summary>
public sealed class OperatorDemographicFilter : DemographicFilter
{
    internal const string TypeName = "operator";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>All of these.</summary>
    public IReadOnlyList<DemographicFilter>? And { get; init; }

    /// <summary>Any of these.</summary>
    public IReadOnlyList<DemographicFilter>? Or { get; init; }

    /// <summary>Not this.</summary>
    public DemographicFilter? Not { get; init; }
}

/// <summary>A filter whose <c>type</c> this version does not model, kept as raw JSON.</summary>
[JsonConverter(typeof(RawJsonModelConverter<UnknownDemographicFilter>))]
public sealed class UnknownDemographicFilter : DemographicFilter, IRawJsonModel<UnknownDemographicFilter>
{
    /// <summary>Wraps a raw filter object.</summary>
    public UnknownDemographicFilter(JsonElement raw) => Raw = RawJson.RequireObject(raw, nameof(raw));

    /// <summary>The <c>type</c> of the raw object (empty when it has none).</summary>
    public override string Type => RawJson.TypeOf(Raw);

    /// <summary>The object as read; this is what is sent.</summary>
    public JsonElement Raw { get; }

    static UnknownDemographicFilter IRawJsonModel<UnknownDemographicFilter>.FromRaw(JsonElement raw) => new(raw);
}

/// <summary>Dispatches <see cref="DemographicFilter"/> on <c>type</c>.</summary>
internal sealed class DemographicFilterJsonConverter : DiscriminatedJsonConverter<DemographicFilter>
{
    protected override Type? Resolve(string type) => type switch
    {
        AgeDemographicFilter.TypeName => typeof(AgeDemographicFilter),
        AppTypeDemographicFilter.TypeName => typeof(AppTypeDemographicFilter),
        AreaDemographicFilter.TypeName => typeof(AreaDemographicFilter),
        GenderDemographicFilter.TypeName => typeof(GenderDemographicFilter),
        SubscriptionPeriodDemographicFilter.TypeName => typeof(SubscriptionPeriodDemographicFilter),
        OperatorDemographicFilter.TypeName => typeof(OperatorDemographicFilter),
        _ => null,
    };

    protected override DemographicFilter CreateUnknown(JsonElement raw) => new UnknownDemographicFilter(raw);
}
