using System.Text.Json;
using LineGov.Messaging.Tests.Models.Examples;

namespace LineGov.Messaging.Tests.Models;

/// <summary>
/// Every example of LINE's OpenAPI specs (tests/data/line-openapi) whose schema this package models round-trips:
/// deserialize, serialize, JSON-equal ignoring property order. The examples were extracted mechanically from the
/// specs into Examples/SpecExamples.cs by Examples/extract_examples.py, each naming its spec, JSON pointer and schema.
/// </summary>
public sealed class SpecExampleTests
{
    /// <summary>Spec schema → the model that represents it.</summary>
    private static readonly Dictionary<string, Type> Modelled = new(StringComparer.Ordinal)
    {
        ["CreateAudienceGroupResponse"] = typeof(CreateAudienceGroupResponse),
        ["GetAudienceDataResponse"] = typeof(GetAudienceDataResponse),
        ["GetAudienceGroupsResponse"] = typeof(GetAudienceGroupsResponse),
        ["ErrorResponse"] = typeof(LineErrorResponse),
        ["NarrowcastProgressResponse"] = typeof(NarrowcastProgressResponse),
        ["MessageQuotaResponse"] = typeof(MessageQuotaResponse),
        ["QuotaConsumptionResponse"] = typeof(QuotaConsumptionResponse),
        ["UserProfileResponse"] = typeof(UserProfileResponse),
        ["GetFollowersResponse"] = typeof(GetFollowersResponse),
        ["GetMessageContentTranscodingResponse"] = typeof(MessageContentTranscodingResponse),
        ["RichMenuResponse"] = typeof(RichMenuResponse),
        ["RichMenuListResponse"] = typeof(RichMenuListResponse),
        ["RichMenuIdResponse"] = typeof(RichMenuIdResponse),
        ["RichMenuAliasResponse"] = typeof(RichMenuAliasResponse),
        ["RichMenuAliasListResponse"] = typeof(RichMenuAliasListResponse),
        ["MarkMessagesAsReadRequest"] = typeof(MarkMessagesAsReadRequest),
        ["MarkMessagesAsReadByTokenRequest"] = typeof(MarkMessagesAsReadByTokenRequest),
    };

    /// <summary>Schemas with examples that this package deliberately does not model (yet): other endpoints of the specs.</summary>
    private static readonly HashSet<string> NotModelled = new(StringComparer.Ordinal)
    {
        "GetWebhookEndpointResponse", "TestWebhookEndpointResponse", "NumberOfMessagesResponse",
        "GetAggregationUnitUsageResponse", "GetAggregationUnitNameListResponse", "BotInfoResponse",
        "GroupUserProfileResponse", "RoomUserProfileResponse", "MembersIdsResponse", "GroupSummaryResponse",
        "GroupMemberCountResponse", "RoomMemberCountResponse", "RichMenuBatchProgressResponse", "IssueLinkTokenResponse",
        "GetMembershipSubscriptionResponse", "MembershipListResponse", "GetJoinedMembershipUsersResponse",
        "CreateClickBasedAudienceGroupResponse", "CreateImpBasedAudienceGroupResponse",
        "GetSharedAudienceDataResponse", "GetSharedAudienceGroupsResponse",
    };

    public static TheoryData<string> ModelledExamples()
    {
        var data = new TheoryData<string>();
        foreach (var example in SpecExamples.All.Where(e => Modelled.ContainsKey(e.Schema)))
        {
            data.Add(example.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelledExamples))]
    public void Spec_example_round_trips(string name)
    {
        var example = Example(name);
        var type = Modelled[example.Schema];
        var info = LineJson.Options.GetTypeInfo(type);

        var model = JsonSerializer.Deserialize(example.Json, info);
        var written = JsonSerializer.Serialize(model, info);

        model.ShouldNotBeNull().GetType().ShouldBe(type);
        JsonAssert.Equal(example.Json, written);
    }

    [Fact]
    public void Every_example_schema_is_modelled_or_listed_as_not_modelled()
    {
        var schemas = SpecExamples.All.Select(e => e.Schema).Distinct().ToList();

        schemas.Where(s => !Modelled.ContainsKey(s) && !NotModelled.Contains(s)).ShouldBeEmpty();
        Modelled.Keys.Where(s => !schemas.Contains(s)).ShouldBeEmpty("every modelled schema has at least one spec example");
        SpecExamples.All.Count.ShouldBe(55);
    }

    [Fact]
    public void Every_example_still_comes_from_the_shipped_specs()
    {
        // The specs are copied beside the tests (data/line-openapi): an example whose operation left the spec is stale.
        var directory = Path.Combine(AppContext.BaseDirectory, "data", "line-openapi");
        foreach (var example in SpecExamples.All)
        {
            var spec = File.ReadAllText(Path.Combine(directory, example.Spec));
            var operationId = example.Name.Split('.')[1];
            spec.ShouldContain("operationId: " + operationId, customMessage: example.Name);
            spec.ShouldContain(example.Schema, customMessage: example.Name);
        }
    }

    [Fact]
    public void Examples_carry_values_not_only_shapes()
    {
        var profile = LineJson.Deserialize<UserProfileResponse>(Example("messaging-api.getProfile.200.example").Json)!;
        profile.DisplayName.ShouldBe("LINE taro");
        profile.StatusMessage.ShouldBe("Hello, LINE!");

        var audience = LineJson.Deserialize<GetAudienceDataResponse>(Example("manage-audience.getAudienceData.200.UPLOADING_USER_IDS").Json)!;
        audience.AudienceGroup!.AudienceGroupId.ShouldBe(1234567890123);
        audience.AudienceGroup.CreateRoute.ShouldBe(AudienceGroupCreateRoute.OaManager);
        audience.Jobs.ShouldNotBeNull().ShouldHaveSingleItem().JobStatus.ShouldBe(AudienceGroupJobStatus.Finished);
        audience.Jobs[0].FailedType.ShouldBe(AudienceGroupJobFailedType.AudienceGroupAudienceInsufficient);

        var menu = LineJson.Deserialize<RichMenuResponse>(Example("messaging-api.getRichMenu.200.example").Json)!;
        menu.Areas.ShouldHaveSingleItem().Action.ShouldBeOfType<PostbackAction>().Data.ShouldBe("action=buy&itemid=123");
        menu.Size.Width.ShouldBe(2500);

        var progress = LineJson.Deserialize<NarrowcastProgressResponse>(Example("messaging-api.getNarrowcastProgress.200.example").Json)!;
        progress.Phase.ShouldBe(NarrowcastPhase.Waiting);
        progress.IsCompleted.ShouldBeFalse();

        var error = LineJson.Deserialize<LineErrorResponse>(Example("manage-audience.getAudienceData.400.example").Json)!;
        error.Details.ShouldNotBeNull().ShouldHaveSingleItem().Message.ShouldBe("AUDIENCE_GROUP_NOT_FOUND");
    }

    private static SpecExample Example(string name) => SpecExamples.All.Single(e => e.Name == name);
}
