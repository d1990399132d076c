using System.Text;
using LineGov.Messaging.Testing;

namespace LineGov.Messaging.Tests.Emulator;

/// <summary>The quick start of src/LineGov.Messaging.Testing/README.md, as written there.</summary>
public sealed class ReadmeQuickStartTests
{
    [Fact]
    public async Task The_README_quick_start_runs()
    {
        await using var line = await LineEmulator.StartAsync(new() { Seed = 42, Users = LineEmulatorUser.CreateMany(1000) });
        using var http = new HttpClient { BaseAddress = line.ApiBaseUri };            // DataApiBaseUri = api-data.line.me
        http.DefaultRequestHeaders.Authorization = new("Bearer", "any-token");        // AcceptedTokens = null: any token
        var to = LineEmulatorUser.UserIdFor(0);
        var body = $$"""{"to":"{{to}}","messages":[{"type":"text","text":"申請を受け付けました"}]}""";
        await http.PostAsync("v2/bot/message/push", new StringContent(body, Encoding.UTF8, "application/json"));
        line.InboxOf(to).Single().Texts.ShouldBe(["申請を受け付けました"]);
        line.GetInboxStatistics().DuplicateDeliveries.ShouldBe(0);                    // exactly once
        await line.SendWebhookAsync(new Uri("http://localhost:5000/callback"), [line.CreateTextMessageEvent(to, "申請したい")]);

        line.WebhookDeliveries.ShouldHaveSingleItem();
    }
}
