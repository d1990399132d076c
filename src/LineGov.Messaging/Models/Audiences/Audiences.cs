using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineGov.Messaging;

/// <summary>An audience made by the Messaging API (spec schema <c>CreateAudienceGroupResponse</c>).</summary>
public sealed class CreateAudienceGroupResponse
{
    /// <summary>The audience ID.</summary>
    [JsonInclude]
    public long AudienceGroupId { get; internal set; }

    /// <summary>Always <c>MESSAGING_API</c> here.</summary>
    [JsonInclude]
    public AudienceGroupCreateRoute? CreateRoute { get; internal set; }

    /// <summary>The audience type (<c>UPLOAD</c>).</summary>
    [JsonInclude]
    public AudienceGroupType? Type { get; internal set; }

    /// <summary>The audience's name.</summary>
    [JsonInclude]
    public string? Description { get; internal set; }

    /// <summary>When it was created (UNIX seconds).</summary>
    [JsonInclude]
    public long? Created { get; internal set; }

    /// <summary>What this channel may do with it.</summary>
    [JsonInclude]
    public AudienceGroupPermission? Permission { get; internal set; }

    /// <summary>When it expires (UNIX seconds).</summary>
    [JsonInclude]
    public long? ExpireTimestamp { get; internal set; }

    /// <summary>Whether recipients are IFAs rather than user IDs.</summary>
    [JsonInclude]
    public bool? IsIfaAudience { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One audience and its upload jobs (spec schema <c>GetAudienceDataResponse</c>).</summary>
public sealed class GetAudienceDataResponse
{
    /// <summary>The audience.</summary>
    [JsonInclude]
    public AudienceGroup? AudienceGroup { get; internal set; }

    /// <summary>Upload jobs of an upload audience (at most 50); empty for other types.</summary>
    [JsonInclude]
    public IReadOnlyList<AudienceGroupJob>? Jobs { get; internal set; }

    /// <summary>The ad account, for audiences made in LINE Ads.</summary>
    [JsonInclude]
    [JsonPropertyName("adaccount")]
    public AudienceAdAccount? AdAccount { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One page of audiences (spec schema <c>GetAudienceGroupsResponse</c>).</summary>
public sealed class GetAudienceGroupsResponse
{
    /// <summary>The audiences of this page.</summary>
    [JsonInclude]
    public IReadOnlyList<AudienceGroup> AudienceGroups { get; internal set; } = [];

    /// <summary>Whether a later page exists.</summary>
    [JsonInclude]
    public bool? HasNextPage { get; internal set; }

    /// <summary>Audiences matching the filter.</summary>
    [JsonInclude]
    public long? TotalCount { get; internal set; }

    /// <summary>Of those, audiences this channel may update.</summary>
    [JsonInclude]
    public long? ReadWriteAudienceGroupTotalCount { get; internal set; }

    /// <summary>This page's number.</summary>
    [JsonInclude]
    public long? Page { get; internal set; }

    /// <summary>Most audiences on a page.</summary>
    [JsonInclude]
    public long? Size { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>An audience (spec schema <c>AudienceGroup</c>).</summary>
public sealed class AudienceGroup
{
    /// <summary>The audience ID.</summary>
    [JsonInclude]
    public long AudienceGroupId { get; internal set; }

    /// <summary>How it was made.</summary>
    [JsonInclude]
    public AudienceGroupType? Type { get; internal set; }

    /// <summary>Its name.</summary>
    [JsonInclude]
    public string? Description { get; internal set; }

    /// <summary>Its state.</summary>
    [JsonInclude]
    public AudienceGroupStatus? Status { get; internal set; }

    /// <summary>Why it failed.</summary>
    [JsonInclude]
    public AudienceGroupFailedType? FailedType { get; internal set; }

    /// <summary>Users in it.</summary>
    [JsonInclude]
    public long? AudienceCount { get; internal set; }

    /// <summary>When it was created (UNIX seconds).</summary>
    [JsonInclude]
    public long? Created { get; internal set; }

    /// <summary>The request ID it was made from (click and impression audiences).</summary>
    [JsonInclude]
    public string? RequestId { get; internal set; }

    /// <summary>The URL it was made from (click audiences).</summary>
    [JsonInclude]
    public string? ClickUrl { get; internal set; }

    /// <summary>Whether recipients are IFAs.</summary>
    [JsonInclude]
    public bool? IsIfaAudience { get; internal set; }

    /// <summary>What this channel may do with it.</summary>
    [JsonInclude]
    public AudienceGroupPermission? Permission { get; internal set; }

    /// <summary>Where it was created.</summary>
    [JsonInclude]
    public AudienceGroupCreateRoute? CreateRoute { get; internal set; }

    /// <summary>When it expires (UNIX seconds; in LINE's examples, not in its schema).</summary>
    [JsonInclude]
    public long? ExpireTimestamp { get; internal set; }

    /// <summary>When an app-event audience was activated (UNIX seconds; in LINE's examples, not in its schema).</summary>
    [JsonInclude]
    public long? Activated { get; internal set; }

    /// <summary>When an app-event audience becomes inactive (UNIX seconds; in LINE's examples, not in its schema).</summary>
    [JsonInclude]
    public long? InactiveTimestamp { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>An upload job of an audience (spec schema <c>AudienceGroupJob</c>).</summary>
public sealed class AudienceGroupJob
{
    /// <summary>The job ID.</summary>
    [JsonInclude]
    public long AudienceGroupJobId { get; internal set; }

    /// <summary>The audience ID.</summary>
    [JsonInclude]
    public long? AudienceGroupId { get; internal set; }

    /// <summary>The job's description.</summary>
    [JsonInclude]
    public string? Description { get; internal set; }

    /// <summary>The job type.</summary>
    [JsonInclude]
    public AudienceGroupJobType? Type { get; internal set; }

    /// <summary>The job's state.</summary>
    [JsonInclude]
    public AudienceGroupJobStatus? JobStatus { get; internal set; }

    /// <summary>Why it failed.</summary>
    [JsonInclude]
    public AudienceGroupJobFailedType? FailedType { get; internal set; }

    /// <summary>Accounts added or removed.</summary>
    [JsonInclude]
    public long? AudienceCount { get; internal set; }

    /// <summary>When the job was created (UNIX seconds).</summary>
    [JsonInclude]
    public long? Created { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The ad account of an audience (spec schema <c>Adaccount</c>).</summary>
public sealed class AudienceAdAccount
{
    /// <summary>Ad account name.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Spec schema <c>CreateAudienceGroupRequest</c>.</summary>
internal sealed class CreateAudienceGroupRequest
{
    public CreateAudienceGroupRequest(string description, bool? isIfaAudience, string? uploadDescription, IReadOnlyList<AudienceEntry> audiences)
    {
        Description = description;
        IsIfaAudience = isIfaAudience;
        UploadDescription = uploadDescription;
        Audiences = audiences;
    }

    public string Description { get; }

    public bool? IsIfaAudience { get; }

    public string? UploadDescription { get; }

    public IReadOnlyList<AudienceEntry> Audiences { get; }
}

/// <summary>Spec schema <c>AddAudienceToAudienceGroupRequest</c>.</summary>
internal sealed class AddAudienceToAudienceGroupRequest
{
    public AddAudienceToAudienceGroupRequest(long audienceGroupId, string? uploadDescription, IReadOnlyList<AudienceEntry> audiences)
    {
        AudienceGroupId = audienceGroupId;
        UploadDescription = uploadDescription;
        Audiences = audiences;
    }

    public long AudienceGroupId { get; }

    public string? UploadDescription { get; }

    public IReadOnlyList<AudienceEntry> Audiences { get; }
}

/// <summary>Spec schema <c>Audience</c>: one user ID or IFA.</summary>
internal sealed class AudienceEntry
{
    public AudienceEntry(string id) => Id = id;

    public string Id { get; }
}

/// <summary>Spec schema <c>UpdateAudienceGroupDescriptionRequest</c>.</summary>
internal sealed class UpdateAudienceGroupDescriptionRequest
{
    public UpdateAudienceGroupDescriptionRequest(string description) => Description = description;

    public string Description { get; }
}
