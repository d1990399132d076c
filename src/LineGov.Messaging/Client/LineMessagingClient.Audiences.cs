using System.Globalization;
using System.Net.Http.Headers;

namespace LineGov.Messaging;

public partial class LineMessagingClient
{
    /// <summary>The most user IDs or IFAs of one JSON audience upload.</summary>
    public const int MaxAudienceIdsPerRequest = 10_000;

    /// <summary>
    /// Creates an audience for uploading user IDs, with its first IDs (<c>POST /v2/bot/audienceGroup/upload</c>,
    /// answered 202). Narrowcast to it with an <see cref="AudienceRecipient"/> once its status is <c>READY</c>.
    /// </summary>
    /// <param name="description">The audience's name (at most 120 characters; case-insensitive).</param>
    /// <param name="audienceIds">Up to 10,000 user IDs (or IFAs); may be empty.</param>
    /// <param name="isIfaAudience">Whether the IDs are IFAs rather than user IDs.</param>
    /// <param name="uploadDescription">The description of this upload job.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The name or the ID list breaks a documented limit.</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<CreateAudienceGroupResponse> CreateAudienceGroupAsync(
        string description,
        IReadOnlyList<string> audienceIds,
        bool isIfaAudience = false,
        string? uploadDescription = null,
        CancellationToken cancellationToken = default)
    {
        LineRequestValidator.ValidateAudienceDescription(description);
        var entries = LineRequestValidator.AudienceEntries(audienceIds, MaxAudienceIdsPerRequest, allowEmpty: true);
        var body = new CreateAudienceGroupRequest(description, isIfaAudience ? true : null, uploadDescription, entries);
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/audienceGroup/upload", "v2/bot/audienceGroup/upload", LineRateLimitGroup.Audience,
            Content: Json(body, LineMessagingJsonContext.Default.CreateAudienceGroupRequest));
        return SendForJsonAsync(line, LineMessagingJsonContext.Default.CreateAudienceGroupResponse, cancellationToken);
    }

    /// <summary>Adds up to 10,000 user IDs (or IFAs) to an upload audience (<c>PUT /v2/bot/audienceGroup/upload</c>, answered 202).</summary>
    /// <exception cref="ArgumentException">No IDs, more than 10,000, or an empty ID.</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task AddAudienceIdsAsync(long audienceGroupId, IReadOnlyList<string> audienceIds, string? uploadDescription = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(audienceGroupId);
        var entries = LineRequestValidator.AudienceEntries(audienceIds, MaxAudienceIdsPerRequest, allowEmpty: false);
        var body = new AddAudienceToAudienceGroupRequest(audienceGroupId, uploadDescription, entries);
        var line = new LineRequest(HttpMethod.Put, "/v2/bot/audienceGroup/upload", "v2/bot/audienceGroup/upload", LineRateLimitGroup.Audience,
            Content: Json(body, LineMessagingJsonContext.Default.AddAudienceToAudienceGroupRequest));
        return SendNoContentAsync(line, cancellationToken);
    }

    /// <summary>
    /// Creates an audience from a text file of one user ID (or IFA) per line, up to 1,500,000
    /// (<c>POST /v2/bot/audienceGroup/upload/byFile</c> on api-data, multipart). The file is streamed from its
    /// current position; the caller keeps and disposes it. A stream that cannot seek can be sent only once, so a
    /// retry of the pipeline fails rather than sending a partial file.
    /// </summary>
    /// <exception cref="ArgumentException">The name breaks a documented limit.</exception>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<CreateAudienceGroupResponse> CreateAudienceGroupByFileAsync(
        string description,
        Stream file,
        bool isIfaAudience = false,
        string? uploadDescription = null,
        CancellationToken cancellationToken = default)
    {
        LineRequestValidator.ValidateAudienceDescription(description);
        ArgumentNullException.ThrowIfNull(file);
        var form = new MultipartFormDataContent
        {
            { new StringContent(description), "description" },
        };
        if (isIfaAudience)
        {
            form.Add(new StringContent("true"), "isIfaAudience");
        }

        if (uploadDescription is not null)
        {
            form.Add(new StringContent(uploadDescription), "uploadDescription");
        }

        form.Add(FilePart(file), "file", "audience.txt");
        var line = new LineRequest(HttpMethod.Post, "/v2/bot/audienceGroup/upload/byFile", "v2/bot/audienceGroup/upload/byFile", LineRateLimitGroup.Audience,
            Data: true, Content: form);
        return SendForJsonAsync(line, LineMessagingJsonContext.Default.CreateAudienceGroupResponse, cancellationToken);
    }

    /// <summary>
    /// Adds user IDs (or IFAs) from a text file, one per line, to an upload audience
    /// (<c>PUT /v2/bot/audienceGroup/upload/byFile</c> on api-data, multipart, answered 202). The caller keeps and disposes the stream.
    /// </summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task AddAudienceIdsByFileAsync(long audienceGroupId, Stream file, string? uploadDescription = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(audienceGroupId);
        ArgumentNullException.ThrowIfNull(file);
        var form = new MultipartFormDataContent
        {
            { new StringContent(audienceGroupId.ToString(CultureInfo.InvariantCulture)), "audienceGroupId" },
        };
        if (uploadDescription is not null)
        {
            form.Add(new StringContent(uploadDescription), "uploadDescription");
        }

        form.Add(FilePart(file), "file", "audience.txt");
        var line = new LineRequest(HttpMethod.Put, "/v2/bot/audienceGroup/upload/byFile", "v2/bot/audienceGroup/upload/byFile", LineRateLimitGroup.Audience,
            Data: true, Content: form);
        return SendNoContentAsync(line, cancellationToken);
    }

    /// <summary>Gets an audience and its upload jobs (<c>GET /v2/bot/audienceGroup/{audienceGroupId}</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request (400 <c>AUDIENCE_GROUP_NOT_FOUND</c>).</exception>
    public virtual Task<GetAudienceDataResponse> GetAudienceGroupAsync(long audienceGroupId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(audienceGroupId);
        var line = new LineRequest(HttpMethod.Get, "/v2/bot/audienceGroup/{audienceGroupId}",
            "v2/bot/audienceGroup/" + audienceGroupId.ToString(CultureInfo.InvariantCulture), LineRateLimitGroup.Audience);
        return SendForJsonAsync(line, LineMessagingJsonContext.Default.GetAudienceDataResponse, cancellationToken);
    }

    /// <summary>Lists audiences, one page at a time (<c>GET /v2/bot/audienceGroup/list</c>).</summary>
    /// <param name="page">The page, from 1.</param>
    /// <param name="description">Part of the name to match (case-insensitive).</param>
    /// <param name="status">Only audiences in this state.</param>
    /// <param name="size">Audiences per page, 1 to 40 (LINE's default 20).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task<GetAudienceGroupsResponse> GetAudienceGroupsAsync(
        long page = 1,
        string? description = null,
        AudienceGroupStatus? status = null,
        int? size = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(page);
        if (size is { } s)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(s, 1, nameof(size));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(s, 40, nameof(size));
        }

        var query = "page=" + page.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(description))
        {
            query += "&description=" + Uri.EscapeDataString(description);
        }

        if (status is { } st)
        {
            query += "&status=" + Uri.EscapeDataString(st.Value);
        }

        if (size is { } n)
        {
            query += "&size=" + n.ToString(CultureInfo.InvariantCulture);
        }

        var line = new LineRequest(HttpMethod.Get, "/v2/bot/audienceGroup/list", "v2/bot/audienceGroup/list?" + query, LineRateLimitGroup.Audience);
        return SendForJsonAsync(line, LineMessagingJsonContext.Default.GetAudienceGroupsResponse, cancellationToken);
    }

    /// <summary>Renames an audience (<c>PUT /v2/bot/audienceGroup/{audienceGroupId}/updateDescription</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task UpdateAudienceGroupDescriptionAsync(long audienceGroupId, string description, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(audienceGroupId);
        LineRequestValidator.ValidateAudienceDescription(description);
        var line = new LineRequest(HttpMethod.Put, "/v2/bot/audienceGroup/{audienceGroupId}/updateDescription",
            "v2/bot/audienceGroup/" + audienceGroupId.ToString(CultureInfo.InvariantCulture) + "/updateDescription", LineRateLimitGroup.Audience,
            Content: Json(new UpdateAudienceGroupDescriptionRequest(description), LineMessagingJsonContext.Default.UpdateAudienceGroupDescriptionRequest));
        return SendNoContentAsync(line, cancellationToken);
    }

    /// <summary>Deletes an audience (<c>DELETE /v2/bot/audienceGroup/{audienceGroupId}</c>).</summary>
    /// <exception cref="LineApiException">LINE refused the request.</exception>
    public virtual Task DeleteAudienceGroupAsync(long audienceGroupId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(audienceGroupId);
        var line = new LineRequest(HttpMethod.Delete, "/v2/bot/audienceGroup/{audienceGroupId}",
            "v2/bot/audienceGroup/" + audienceGroupId.ToString(CultureInfo.InvariantCulture), LineRateLimitGroup.Audience);
        return SendNoContentAsync(line, cancellationToken);
    }

    private static CallerStreamContent FilePart(Stream file)
    {
        var content = new CallerStreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return content;
    }
}
