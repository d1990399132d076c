using System.Net;
using System.Net.Http.Headers;
using LineGov.Messaging.Testing;
using static LineGov.Messaging.Tests.Emulator.EmulatorTestKit;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>Profiles, followers paging, bot info, and the rich menu lifecycle.</summary>
public sealed class UserAndRichMenuTests
{
    private const string Menu = """
        {"size":{"width":2500,"height":1686},"selected":true,"name":"物価高騰支援","chatBarText":"メニュー",
         "areas":[{"bounds":{"x":0,"y":0,"width":1250,"height":1686},"action":{"type":"postback","data":"apply"}}]}
        """;

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    [Fact]
    public async Task A_profile_is_returned_for_a_known_follower_only()
    {
        await using var line = await LineEmulator.StartAsync(new()
        {
            Users =
            [
                new LineEmulatorUser(Alice, "見本 花子") { Language = "ja", PictureUrl = new Uri("https://profile.line-scdn.net/alice") },
                new LineEmulatorUser(Bob, "見本 太郎") { IsFollower = false },
            ],
        });
        using var http = line.Client();

        var alice = await (await http.GetAsync($"v2/bot/profile/{Alice}")).ReadJsonAsync();
        using var bob = await http.GetAsync($"v2/bot/profile/{Bob}");
        using var stranger = await http.GetAsync($"v2/bot/profile/{LineEmulatorUser.UserIdFor(99)}");

        alice.GetProperty("displayName").GetString().ShouldBe("見本 花子");
        alice.GetProperty("userId").GetString().ShouldBe(Alice);
        alice.GetProperty("language").GetString().ShouldBe("ja");
        alice.GetProperty("pictureUrl").GetString().ShouldBe("https://profile.line-scdn.net/alice");
        alice.TryGetProperty("statusMessage", out _).ShouldBeFalse();
        await bob.ShouldBeLineErrorAsync(HttpStatusCode.NotFound);
        await stranger.ShouldBeLineErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Followers_page_with_next_until_the_end()
    {
        var users = LineEmulatorUser.CreateMany(2500).Select((u, i) => i % 10 == 9 ? u with { IsFollower = false } : u).ToList();
        await using var line = await LineEmulator.StartAsync(new() { Users = users });
        using var http = line.Client();

        var collected = new List<string>();
        var pages = 0;
        string? next = null;
        do
        {
            var url = "v2/bot/followers/ids?limit=1000" + (next is null ? "" : "&start=" + Uri.EscapeDataString(next));
            var page = await (await http.GetAsync(url)).ReadJsonAsync();
            collected.AddRange(page.GetProperty("userIds").EnumerateArray().Select(e => e.GetString()!));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
            pages++;
        }
        while (next is not null);

        pages.ShouldBe(3);
        collected.ShouldBe(users.Where(u => u.IsFollower).Select(u => u.UserId));
        var first = await (await http.GetAsync("v2/bot/followers/ids")).ReadJsonAsync();
        first.GetProperty("userIds").GetArrayLength().ShouldBe(300);
    }

    [Theory]
    [InlineData("limit=1001")]
    [InlineData("limit=0")]
    [InlineData("limit=ten")]
    [InlineData("start=not-a-token")]
    public async Task Bad_follower_parameters_are_refused(string query)
    {
        await using var line = await LineEmulator.StartAsync(new() { Users = LineEmulatorUser.CreateMany(3) });
        using var http = line.Client();

        using var response = await http.GetAsync("v2/bot/followers/ids?" + query);

        (await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest)).ShouldHaveSingleItem().Property.ShouldBe(query.Split('=')[0]);
    }

    [Fact]
    public async Task Bot_info_names_the_webhook_destination()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();

        var info = await (await http.GetAsync("v2/bot/info")).ReadJsonAsync();

        info.GetProperty("userId").GetString().ShouldBe(line.BotUserId);
        info.GetProperty("chatMode").GetString().ShouldBe("bot");
    }

    [Fact]
    public async Task Rich_menu_lifecycle_create_image_default_link_alias_delete()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();
        using var data = line.Client(data: true);

        // Create and read back.
        var created = await (await http.PostJsonAsync("v2/bot/richmenu", Menu)).ReadJsonAsync();
        var id = created.GetProperty("richMenuId").GetString()!;
        id.ShouldStartWith("richmenu-");
        var menu = await (await http.GetAsync($"v2/bot/richmenu/{id}")).ReadJsonAsync();
        menu.GetProperty("name").GetString().ShouldBe("物価高騰支援");
        menu.GetProperty("areas")[0].GetProperty("action").GetProperty("data").GetString().ShouldBe("apply");
        (await (await http.GetAsync("v2/bot/richmenu/list")).ReadJsonAsync()).GetProperty("richmenus").GetArrayLength().ShouldBe(1);

        // No image yet: it cannot be the default.
        await (await http.PostAsync($"v2/bot/user/all/richmenu/{id}", null)).ShouldBeLineErrorAsync(HttpStatusCode.BadRequest,
            "An image has not been uploaded to the richmenu");

        // The image goes to the data host, once.
        using var image = new ByteArrayContent(Png);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        (await data.PostAsync($"v2/bot/richmenu/{id}/content", image)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var again = new ByteArrayContent(Png);
        again.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await (await data.PostAsync($"v2/bot/richmenu/{id}/content", again)).ShouldBeLineErrorAsync(HttpStatusCode.BadRequest);
        (await (await data.GetAsync($"v2/bot/richmenu/{id}/content")).Content.ReadAsByteArrayAsync()).ShouldBe(Png);

        // Default, per-user and bulk links.
        (await http.PostAsync($"v2/bot/user/all/richmenu/{id}", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await http.GetAsync("v2/bot/user/all/richmenu")).ReadJsonAsync()).GetProperty("richMenuId").GetString().ShouldBe(id);
        line.RichMenuIdOf(Alice).ShouldBe(id);
        var second = (await (await http.PostJsonAsync("v2/bot/richmenu", Menu)).ReadJsonAsync()).GetProperty("richMenuId").GetString()!;
        using var secondImage = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0]);
        secondImage.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        (await data.PostAsync($"v2/bot/richmenu/{second}/content", secondImage)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostAsync($"v2/bot/user/{Alice}/richmenu/{second}", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await http.GetAsync($"v2/bot/user/{Alice}/richmenu")).ReadJsonAsync()).GetProperty("richMenuId").GetString().ShouldBe(second);
        await (await http.GetAsync($"v2/bot/user/{Bob}/richmenu")).ShouldBeLineErrorAsync(HttpStatusCode.NotFound);
        (await http.PostJsonAsync("v2/bot/richmenu/bulk/link", $$"""{"richMenuId":"{{second}}","userIds":["{{Bob}}"]}""")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        line.RichMenuIdOf(Bob).ShouldBe(second);
        (await http.PostJsonAsync("v2/bot/richmenu/bulk/unlink", $$"""{"userIds":["{{Alice}}","{{Bob}}"]}""")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        line.RichMenuIdOf(Bob).ShouldBe(id);
        (await http.PostAsync($"v2/bot/user/{Alice}/richmenu/{second}", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.DeleteAsync($"v2/bot/user/{Alice}/richmenu")).StatusCode.ShouldBe(HttpStatusCode.OK);
        line.RichMenuIdOf(Alice).ShouldBe(id);

        // Aliases (for richmenuswitch actions).
        (await http.PostJsonAsync("v2/bot/richmenu/alias", $$"""{"richMenuAliasId":"page-1","richMenuId":"{{id}}"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await http.PostJsonAsync("v2/bot/richmenu/alias", $$"""{"richMenuAliasId":"page-1","richMenuId":"{{id}}"}"""))
            .ShouldBeLineErrorAsync(HttpStatusCode.BadRequest, "conflict richmenu alias id");
        (await (await http.PostJsonAsync("v2/bot/richmenu/alias", $$"""{"richMenuAliasId":"Page 2","richMenuId":"{{id}}"}""")).ShouldBeLineErrorAsync(HttpStatusCode.BadRequest))
            .ShouldHaveSingleItem().Property.ShouldBe("richMenuAliasId");
        (await http.PostJsonAsync("v2/bot/richmenu/alias/page-1", $$"""{"richMenuId":"{{second}}"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await http.GetAsync("v2/bot/richmenu/alias/page-1")).ReadJsonAsync()).GetProperty("richMenuId").GetString().ShouldBe(second);
        (await (await http.GetAsync("v2/bot/richmenu/alias/list")).ReadJsonAsync()).GetProperty("aliases").GetArrayLength().ShouldBe(1);
        (await http.DeleteAsync("v2/bot/richmenu/alias/page-1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Delete: the default goes with it.
        (await http.DeleteAsync($"v2/bot/user/all/richmenu")).StatusCode.ShouldBe(HttpStatusCode.OK);
        line.DefaultRichMenuId.ShouldBeNull();
        (await http.PostAsync($"v2/bot/user/all/richmenu/{id}", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.DeleteAsync($"v2/bot/richmenu/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        line.DefaultRichMenuId.ShouldBeNull();
        await (await http.GetAsync($"v2/bot/richmenu/{id}")).ShouldBeLineErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rich_menu_outside_the_spec_is_refused()
    {
        await using var line = await LineEmulator.StartAsync();
        using var http = line.Client();

        using var response = await http.PostJsonAsync("v2/bot/richmenu",
            """{"size":{"width":2600,"height":1686},"name":"x","chatBarText":"fifteen chars!!","areas":[]}""");
        using var validate = await http.PostJsonAsync("v2/bot/richmenu/validate", Menu);

        var details = await response.ShouldBeLineErrorAsync(HttpStatusCode.BadRequest);
        details.ShouldContain(("size.width", "Must be between 800 and 2500"));
        details.ShouldContain(("selected", "May not be empty"));
        details.ShouldContain(("chatBarText", "Length must be between 1 and 14"));
        validate.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await http.GetAsync("v2/bot/richmenu/list")).ReadJsonAsync()).GetProperty("richmenus").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Rich_menu_creation_has_its_own_hourly_limit()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await using var line = await LineEmulator.StartAsync(new() { TimeProvider = clock, RateLimits = { RichMenuWrite = LineEmulatorRateLimit.PerHour(2) } });
        using var http = line.Client();

        (await http.PostJsonAsync("v2/bot/richmenu", Menu)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostJsonAsync("v2/bot/richmenu", Menu)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostJsonAsync("v2/bot/richmenu", Menu)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await http.GetAsync("v2/bot/richmenu/list")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
