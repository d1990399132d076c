using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LineGov.Messaging.Testing.Internal;

/// <summary>Audiences for uploading user ids: create and add by JSON, by file (api-data, multipart), get, list, delete.</summary>
internal sealed partial class EmulatorEngine
{
    public const int MaxAudiencesPerJsonRequest = 10_000;
    public const int MaxAudiencesPerFile = 1_500_000;
    private static readonly TimeSpan AudienceLifetime = TimeSpan.FromDays(180);

    private readonly Lock _audienceGate = new();
    private readonly Dictionary<long, Audience> _audiences = [];
    private long _nextAudienceId = 4_000_000_000_000;
    private long _nextAudienceJobId = 5_000_000_000_000;

    private sealed class Audience(long id, string description, bool isIfa, DateTimeOffset created)
    {
        public long Id { get; } = id;

        public string Description { get; } = description;

        public bool IsIfa { get; } = isIfa;

        public DateTimeOffset Created { get; } = created;

        public List<string> Members { get; } = [];

        public HashSet<string> MemberSet { get; } = new(StringComparer.Ordinal);

        public List<(long Id, string? Description, int Count, DateTimeOffset Created)> Jobs { get; } = [];

        public void Add(IEnumerable<string> ids, long jobId, string? description, DateTimeOffset now)
        {
            var added = 0;
            foreach (var id in ids)
            {
                if (MemberSet.Add(id))
                {
                    Members.Add(id);
                    added++;
                }
            }

            Jobs.Add((jobId, description, added, now));
        }
    }

    /// <summary>An audience's members in upload order, or <see langword="null"/> when there is no such audience.</summary>
    public IReadOnlyList<string>? AudienceMembersOf(long audienceGroupId)
    {
        lock (_audienceGate)
        {
            return _audiences.TryGetValue(audienceGroupId, out var audience) ? [.. audience.Members] : null;
        }
    }

    private static List<string>? ReadJsonAudiences(BodyChecker check, JsonElement root, bool required)
    {
        var array = required
            ? check.RequiredArray(root, "audiences", "audiences", 1, MaxAudiencesPerJsonRequest)
            : check.OptionalArray(root, "audiences", "audiences", 0, MaxAudiencesPerJsonRequest);
        if (array is null)
        {
            return required ? null : [];
        }

        var ids = new List<string>(array.Value.GetArrayLength());
        var i = 0;
        foreach (var item in array.Value.EnumerateArray())
        {
            var at = BodyChecker.Item("audiences", i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                check.Add(at, "Must be an object");
                continue;
            }

            if (check.RequiredString(item, "id", at + ".id") is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private Audience CreateAudience(string description, bool isIfa, string? uploadDescription, IEnumerable<string> ids, DateTimeOffset now)
    {
        lock (_audienceGate)
        {
            var audience = new Audience(++_nextAudienceId, description, isIfa, now);
            audience.Add(ids, ++_nextAudienceJobId, uploadDescription, now);
            _audiences[audience.Id] = audience;
            return audience;
        }
    }

    private static EmulatorResponse Created(Audience audience) => EmulatorResponse.Json(202, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("audienceGroupId", audience.Id);
        w.WriteString("createRoute", "MESSAGING_API");
        w.WriteString("type", "UPLOAD");
        w.WriteString("description", audience.Description);
        w.WriteNumber("created", audience.Created.ToUnixTimeSeconds());
        w.WriteString("permission", "READ_WRITE");
        w.WriteNumber("expireTimestamp", (audience.Created + AudienceLifetime).ToUnixTimeSeconds());
        w.WriteBoolean("isIfaAudience", audience.IsIfa);
        w.WriteEndObject();
    });

    public ValueTask<EmulatorResponse> CreateAudienceAsync(EmulatorCall call)
    {
        var check = new BodyChecker();
        var description = check.RequiredString(call.Root, "description", "description", 120);
        var isIfa = check.OptionalBoolean(call.Root, "isIfaAudience", "isIfaAudience") ?? false;
        var uploadDescription = check.OptionalString(call.Root, "uploadDescription", "uploadDescription", 300);
        var ids = ReadJsonAudiences(check, call.Root, required: false);
        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        return new(Created(CreateAudience(description!, isIfa, uploadDescription, ids!, call.Now)));
    }

    public ValueTask<EmulatorResponse> AddToAudienceAsync(EmulatorCall call)
    {
        var check = new BodyChecker();
        var id = check.RequiredInteger(call.Root, "audienceGroupId", "audienceGroupId", 1);
        var uploadDescription = check.OptionalString(call.Root, "uploadDescription", "uploadDescription", 300);
        var ids = ReadJsonAudiences(check, call.Root, required: true);
        if (check.HasErrors)
        {
            return new(EmulatorResponse.Invalid(check.Errors));
        }

        return new(AddToAudience(id!.Value, uploadDescription, ids!, call.Now));
    }

    private EmulatorResponse AddToAudience(long id, string? uploadDescription, IEnumerable<string> ids, DateTimeOffset now)
    {
        lock (_audienceGate)
        {
            if (!_audiences.TryGetValue(id, out var audience))
            {
                return EmulatorResponse.Error(400, "The audience group does not exist",
                    [new ErrorDetail("Audience group not found", "audienceGroupId")]);
            }

            audience.Add(ids, ++_nextAudienceJobId, uploadDescription, now);
            return EmulatorResponse.Ok(202);
        }
    }

    private static async Task<(IFormCollection? Form, List<string>? Ids, EmulatorResponse? Error)> ReadAudienceFileAsync(EmulatorCall call)
    {
        var request = call.Http.Request;
        request.Body = new MemoryStream(call.Body, writable: false);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(call.Http.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return (null, null, EmulatorResponse.Error(400, "The multipart body could not be read: " + e.Message));
        }

        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return (form, null, EmulatorResponse.Invalid("file", BodyChecker.MayNotBeEmpty));
        }

        var ids = new List<string>();
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8))
        {
            while (await reader.ReadLineAsync(call.Http.RequestAborted).ConfigureAwait(false) is { } line)
            {
                var id = line.Trim();
                if (id.Length > 0)
                {
                    ids.Add(id);
                }
            }
        }

        if (ids.Count > MaxAudiencesPerFile)
        {
            return (form, null, EmulatorResponse.Invalid("file", string.Create(CultureInfo.InvariantCulture, $"Must hold at most {MaxAudiencesPerFile} IDs")));
        }

        return (form, ids, null);
    }

    public async ValueTask<EmulatorResponse> CreateAudienceByFileAsync(EmulatorCall call)
    {
        var (form, ids, error) = await ReadAudienceFileAsync(call).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var description = form!["description"].ToString();
        if (description.Length == 0)
        {
            return EmulatorResponse.Invalid("description", BodyChecker.MayNotBeEmpty);
        }

        if (description.Length > 120)
        {
            return EmulatorResponse.Invalid("description", BodyChecker.Length(1, 120));
        }

        var isIfa = bool.TryParse(form["isIfaAudience"].ToString(), out var ifa) && ifa;
        var uploadDescription = form["uploadDescription"].ToString() is { Length: > 0 } text ? text : null;
        return Created(CreateAudience(description, isIfa, uploadDescription, ids!, call.Now));
    }

    public async ValueTask<EmulatorResponse> AddToAudienceByFileAsync(EmulatorCall call)
    {
        var (form, ids, error) = await ReadAudienceFileAsync(call).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (!long.TryParse(form!["audienceGroupId"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return EmulatorResponse.Invalid("audienceGroupId", BodyChecker.MayNotBeEmpty);
        }

        var uploadDescription = form["uploadDescription"].ToString() is { Length: > 0 } text ? text : null;
        return AddToAudience(id, uploadDescription, ids!, call.Now);
    }

    private static void WriteAudienceGroup(Utf8JsonWriter w, Audience audience)
    {
        w.WriteStartObject();
        w.WriteNumber("audienceGroupId", audience.Id);
        w.WriteString("type", "UPLOAD");
        w.WriteString("description", audience.Description);
        w.WriteString("status", "READY");
        w.WriteNumber("audienceCount", audience.Members.Count);
        w.WriteNumber("created", audience.Created.ToUnixTimeSeconds());
        w.WriteString("permission", "READ_WRITE");
        w.WriteBoolean("isIfaAudience", audience.IsIfa);
        w.WriteNumber("expireTimestamp", (audience.Created + AudienceLifetime).ToUnixTimeSeconds());
        w.WriteString("createRoute", "MESSAGING_API");
        w.WriteEndObject();
    }

    private static bool TryAudienceId(EmulatorCall call, out long id) =>
        long.TryParse(call.Route("audienceGroupId"), NumberStyles.None, CultureInfo.InvariantCulture, out id);

    public ValueTask<EmulatorResponse> GetAudienceAsync(EmulatorCall call)
    {
        lock (_audienceGate)
        {
            if (!TryAudienceId(call, out var id) || !_audiences.TryGetValue(id, out var audience))
            {
                return new(EmulatorResponse.NotFound("The audience group does not exist"));
            }

            return new(EmulatorResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("audienceGroup");
                WriteAudienceGroup(w, audience);
                w.WriteStartArray("jobs");
                foreach (var job in audience.Jobs.AsEnumerable().Reverse().Take(50))
                {
                    w.WriteStartObject();
                    w.WriteNumber("audienceGroupJobId", job.Id);
                    w.WriteNumber("audienceGroupId", audience.Id);
                    if (job.Description is not null)
                    {
                        w.WriteString("description", job.Description);
                    }

                    w.WriteString("type", "DIFF_ADD");
                    w.WriteString("jobStatus", "FINISHED");
                    w.WriteNumber("audienceCount", job.Count);
                    w.WriteNumber("created", job.Created.ToUnixTimeSeconds());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }
    }

    public ValueTask<EmulatorResponse> DeleteAudienceAsync(EmulatorCall call)
    {
        lock (_audienceGate)
        {
            return new(TryAudienceId(call, out var id) && _audiences.Remove(id)
                ? EmulatorResponse.Ok()
                : EmulatorResponse.NotFound("The audience group does not exist"));
        }
    }

    public ValueTask<EmulatorResponse> ListAudiencesAsync(EmulatorCall call)
    {
        if (!long.TryParse(call.Query("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1)
        {
            return new(EmulatorResponse.Error(400, "The value of the 'page' parameter is invalid", [new ErrorDetail(BodyChecker.Range(1, long.MaxValue), "page")]));
        }

        var size = 20L;
        if (call.Query("size") is { } sizeText && (!long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > 40))
        {
            return new(EmulatorResponse.Error(400, "The value of the 'size' parameter is invalid", [new ErrorDetail(BodyChecker.Range(1, 40), "size")]));
        }

        var description = call.Query("description");
        lock (_audienceGate)
        {
            var matching = _audiences.Values
                .Where(a => description is null || a.Description.Contains(description, StringComparison.OrdinalIgnoreCase))
                .OrderBy(a => a.Id)
                .ToList();
            var pageItems = matching.Skip((int)Math.Min(int.MaxValue, (page - 1) * size)).Take((int)size).ToList();
            return new(EmulatorResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("audienceGroups");
                foreach (var audience in pageItems)
                {
                    WriteAudienceGroup(w, audience);
                }

                w.WriteEndArray();
                w.WriteBoolean("hasNextPage", page * size < matching.Count);
                w.WriteNumber("totalCount", matching.Count);
                w.WriteNumber("readWriteAudienceGroupTotalCount", matching.Count);
                w.WriteNumber("page", page);
                w.WriteNumber("size", size);
                w.WriteEndObject();
            }));
        }
    }
}
