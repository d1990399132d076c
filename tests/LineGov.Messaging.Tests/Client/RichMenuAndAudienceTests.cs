using System.Text;
using LineGov.Messaging.Tests.Models;

namespace LineGov.Messaging.Tests.Client;

public sealed class RichMenuAndAudienceTests
{
    [Fact]
    public async Task Creating_a_rich_menu_posts_it_in_the_rich_menu_write_group_and_returns_the_id()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 200, """{"richMenuId":"richmenu-88c05ef6921ae53f8b58a25f3a65faf7"}""");
        var menu = new RichMenuRequest(new RichMenuSize(2500, 843), true, "物価高騰支援", "メニュー",
            new RichMenuArea(new RichMenuBounds(0, 0, 1250, 843), new UriAction("申請", "https://liff.line.me/1234-abcd")),
            new RichMenuArea(new RichMenuBounds(1250, 0, 1250, 843), new RichMenuSwitchAction("次へ", "richmenu-alias-b", "richmenu-changed-to-b")));

        var id = await h.Client.CreateRichMenuAsync(menu);

        id.ShouldBe("richmenu-88c05ef6921ae53f8b58a25f3a65faf7");
        h.SingleOptions.ShouldBe(("POST /v2/bot/richmenu", LineRateLimitGroup.RichMenuWrite));
        JsonAssert.Equal(
            """
            {"size":{"width":2500,"height":843},"selected":true,"name":"物価高騰支援","chatBarText":"メニュー","areas":[
              {"bounds":{"x":0,"y":0,"width":1250,"height":843},"action":{"type":"uri","label":"申請","uri":"https://liff.line.me/1234-abcd"}},
              {"bounds":{"x":1250,"y":0,"width":1250,"height":843},"action":{"type":"richmenuswitch","label":"次へ","richMenuAliasId":"richmenu-alias-b","data":"richmenu-changed-to-b"}}]}
            """,
            h.Server.SingleRequest.BodyText);
    }

    [Fact]
    public async Task The_rich_menu_image_goes_to_the_data_host_with_its_content_type()
    {
        await using var h = new ClientHarness();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        using var image = new MemoryStream(png);

        await h.Client.UploadRichMenuImageAsync("richmenu-1", image, "image/png");

        var request = h.Server.SingleRequest;
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe("/data/v2/bot/richmenu/richmenu-1/content");
        request.ContentType.ShouldBe("image/png");
        request.Body.ShouldBe(png);
        image.CanRead.ShouldBeTrue(); // the caller's stream is left open
        h.SingleOptions.ShouldBe(("POST /v2/bot/richmenu/{richMenuId}/content", LineRateLimitGroup.Default));
    }

    [Fact]
    public async Task An_image_over_one_megabyte_is_refused_before_sending()
    {
        await using var h = new ClientHarness();

        await Should.ThrowAsync<ArgumentException>(() =>
            h.Client.UploadRichMenuImageAsync("richmenu-1", new MemoryStream(new byte[LineMessagingClient.MaxRichMenuImageBytes + 1]), "image/jpeg"));

        h.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Default_link_unlink_and_bulk_operations_use_their_paths()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (req, r) => LoopbackLineServer.Respond(r, req.PathAndQuery.Contains("bulk", StringComparison.Ordinal) ? 202 : 200,
            req.Method == "GET" ? """{"richMenuId":"richmenu-9"}""" : "{}");

        await h.Client.SetDefaultRichMenuAsync("richmenu-1");
        (await h.Client.GetDefaultRichMenuIdAsync()).ShouldBe("richmenu-9");
        await h.Client.CancelDefaultRichMenuAsync();
        await h.Client.LinkRichMenuToUserAsync("U1", "richmenu-1");
        (await h.Client.GetRichMenuIdOfUserAsync("U1")).ShouldBe("richmenu-9");
        await h.Client.UnlinkRichMenuFromUserAsync("U1");
        await h.Client.LinkRichMenuToUsersAsync("richmenu-1", ["U1", "U2"]);
        await h.Client.UnlinkRichMenuFromUsersAsync(["U1", "U2"]);
        await h.Client.DeleteRichMenuAsync("richmenu-1");

        h.Server.Requests.Select(r => $"{r.Method} {r.PathAndQuery}").ShouldBe([
            "POST /api/v2/bot/user/all/richmenu/richmenu-1",
            "GET /api/v2/bot/user/all/richmenu",
            "DELETE /api/v2/bot/user/all/richmenu",
            "POST /api/v2/bot/user/U1/richmenu/richmenu-1",
            "GET /api/v2/bot/user/U1/richmenu",
            "DELETE /api/v2/bot/user/U1/richmenu",
            "POST /api/v2/bot/richmenu/bulk/link",
            "POST /api/v2/bot/richmenu/bulk/unlink",
            "DELETE /api/v2/bot/richmenu/richmenu-1",
        ]);
        JsonAssert.Equal("""{"richMenuId":"richmenu-1","userIds":["U1","U2"]}""", h.Server.Requests[6].BodyText);
        JsonAssert.Equal("""{"userIds":["U1","U2"]}""", h.Server.Requests[7].BodyText);
        h.Recorder.Seen.Last().ShouldBe(("DELETE /v2/bot/richmenu/{richMenuId}", LineRateLimitGroup.RichMenuWrite));
    }

    [Fact]
    public async Task Aliases_are_created_updated_read_listed_and_deleted()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (req, r) => LoopbackLineServer.Respond(r, 200, req.PathAndQuery switch
        {
            "/api/v2/bot/richmenu/alias/list" => """{"aliases":[{"richMenuAliasId":"richmenu-alias-a","richMenuId":"richmenu-1"}]}""",
            "/api/v2/bot/richmenu/alias/richmenu-alias-a" when req.Method == "GET" => """{"richMenuAliasId":"richmenu-alias-a","richMenuId":"richmenu-1"}""",
            _ => "{}",
        });

        await h.Client.CreateRichMenuAliasAsync("richmenu-alias-a", "richmenu-1");
        await h.Client.UpdateRichMenuAliasAsync("richmenu-alias-a", "richmenu-2");
        var alias = await h.Client.GetRichMenuAliasAsync("richmenu-alias-a");
        var list = await h.Client.GetRichMenuAliasListAsync();
        await h.Client.DeleteRichMenuAliasAsync("richmenu-alias-a");

        JsonAssert.Equal("""{"richMenuAliasId":"richmenu-alias-a","richMenuId":"richmenu-1"}""", h.Server.Requests[0].BodyText);
        JsonAssert.Equal("""{"richMenuId":"richmenu-2"}""", h.Server.Requests[1].BodyText);
        h.Server.Requests[1].PathAndQuery.ShouldBe("/api/v2/bot/richmenu/alias/richmenu-alias-a");
        alias.RichMenuId.ShouldBe("richmenu-1");
        list.Aliases.ShouldHaveSingleItem().RichMenuAliasId.ShouldBe("richmenu-alias-a");
        h.Server.Requests[4].Method.ShouldBe("DELETE");
    }

    [Fact]
    public async Task An_audience_is_created_from_ids_and_ids_are_added_in_the_audience_group()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (req, r) => LoopbackLineServer.Respond(r, 202, req.Method == "POST"
            ? """{"audienceGroupId":1234567890123,"createRoute":"MESSAGING_API","type":"UPLOAD","description":"当麻町_申請者","created":1613698278,"permission":"READ_WRITE","expireTimestamp":1629250278,"isIfaAudience":false}"""
            : "{}");

        var created = await h.Client.CreateAudienceGroupAsync("当麻町_申請者", ["U1", "U2"], uploadDescription: "first");
        await h.Client.AddAudienceIdsAsync(created.AudienceGroupId, ["U3"]);

        created.AudienceGroupId.ShouldBe(1234567890123);
        created.Type.ShouldBe(AudienceGroupType.Upload);
        created.Permission.ShouldBe(AudienceGroupPermission.ReadWrite);
        h.Server.Requests[0].PathAndQuery.ShouldBe("/api/v2/bot/audienceGroup/upload");
        JsonAssert.Equal("""{"description":"当麻町_申請者","uploadDescription":"first","audiences":[{"id":"U1"},{"id":"U2"}]}""", h.Server.Requests[0].BodyText);
        h.Server.Requests[1].Method.ShouldBe("PUT");
        JsonAssert.Equal("""{"audienceGroupId":1234567890123,"audiences":[{"id":"U3"}]}""", h.Server.Requests[1].BodyText);
        h.Recorder.Seen.ShouldAllBe(s => s.Group == LineRateLimitGroup.Audience);
    }

    [Fact]
    public async Task An_audience_file_is_uploaded_as_multipart_to_the_data_host()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (_, r) => LoopbackLineServer.Respond(r, 202, """{"audienceGroupId":1234567890123,"createRoute":"MESSAGING_API","type":"UPLOAD","description":"audienceGroupName_01","created":1613700237,"permission":"READ_WRITE","expireTimestamp":1629252237,"isIfaAudience":false}""");
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("U1\nU2\nU3\n"));

        var created = await h.Client.CreateAudienceGroupByFileAsync("audienceGroupName_01", file, uploadDescription: "list.txt");
        await h.Client.AddAudienceIdsByFileAsync(created.AudienceGroupId, new MemoryStream("U4\n"u8.ToArray()));

        var create = h.Server.Requests[0];
        create.Method.ShouldBe("POST");
        create.PathAndQuery.ShouldBe("/data/v2/bot/audienceGroup/upload/byFile");
        create.ContentType.ShouldNotBeNull().ShouldStartWith("multipart/form-data");
        create.BodyText.ShouldContain("name=description");
        create.BodyText.ShouldContain("audienceGroupName_01");
        create.BodyText.ShouldContain("name=uploadDescription");
        create.BodyText.ShouldContain("name=file; filename=audience.txt");
        create.BodyText.ShouldContain("Content-Type: text/plain");
        create.BodyText.ShouldContain("U1\nU2\nU3\n");
        file.CanRead.ShouldBeTrue();

        var add = h.Server.Requests[1];
        add.Method.ShouldBe("PUT");
        add.PathAndQuery.ShouldBe("/data/v2/bot/audienceGroup/upload/byFile");
        add.BodyText.ShouldContain("name=audienceGroupId");
        add.BodyText.ShouldContain("1234567890123");
        h.Recorder.Seen.Select(s => s.Endpoint).ShouldBe(["POST /v2/bot/audienceGroup/upload/byFile", "PUT /v2/bot/audienceGroup/upload/byFile"]);
    }

    [Fact]
    public async Task Audiences_are_read_listed_renamed_and_deleted()
    {
        await using var h = new ClientHarness();
        h.Server.Handler = (req, r) => LoopbackLineServer.Respond(r, 200, req.PathAndQuery switch
        {
            var p when p.StartsWith("/api/v2/bot/audienceGroup/list", StringComparison.Ordinal) => """{"audienceGroups":[],"hasNextPage":false,"totalCount":0,"readWriteAudienceGroupTotalCount":0,"size":40,"page":1}""",
            "/api/v2/bot/audienceGroup/42" when req.Method == "GET" => """{"audienceGroup":{"audienceGroupId":42,"status":"READY","audienceCount":1887},"jobs":[]}""",
            _ => "{}",
        });

        var audience = await h.Client.GetAudienceGroupAsync(42);
        var page = await h.Client.GetAudienceGroupsAsync(1, "当麻", AudienceGroupStatus.Ready, 40);
        await h.Client.UpdateAudienceGroupDescriptionAsync(42, "renamed");
        await h.Client.DeleteAudienceGroupAsync(42);

        audience.AudienceGroup!.Status.ShouldBe(AudienceGroupStatus.Ready);
        page.HasNextPage.ShouldBe(false);
        h.Server.Requests.Select(r => $"{r.Method} {r.PathAndQuery}").ShouldBe([
            "GET /api/v2/bot/audienceGroup/42",
            "GET /api/v2/bot/audienceGroup/list?page=1&description=%E5%BD%93%E9%BA%BB&status=READY&size=40",
            "PUT /api/v2/bot/audienceGroup/42/updateDescription",
            "DELETE /api/v2/bot/audienceGroup/42",
        ]);
        JsonAssert.Equal("""{"description":"renamed"}""", h.Server.Requests[2].BodyText);
    }
}
