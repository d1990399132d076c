using System.Net.Http.Headers;
using LineGov.Messaging.Testing;
using LineGov.Samples.Municipality.Tests.Infrastructure;

namespace LineGov.Samples.Municipality.Tests.Resident;

/// <summary>The LINE account as a resident meets it: follow, the rich menu, 申請状況, お問い合わせ, anything else.</summary>
public sealed class LineConversationTests
{
    [SampleFact]
    public async Task Follow_sends_a_Japanese_greeting_and_links_the_rich_menu_with_its_three_items()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var user = host.App.Simulator.Ordinary().LineUserId;

        await host.App.Simulator.FollowAsync(user);

        (await host.Line.WaitForTextAsync(user, 0, Inbox.IsJapanese)).ShouldNotBeNull("a Japanese greeting");
        var richMenuId = host.Line.RichMenuIdOf(user).ShouldNotBeNull("the rich menu is linked to the user");
        var richMenu = await RichMenuJsonAsync(host.Line, richMenuId);
        richMenu.ShouldContain("物価高騰支援");
        richMenu.ShouldContain("申請状況");
        richMenu.ShouldContain("お問い合わせ");
    }

    [SampleFact]
    public async Task Status_by_text_and_by_postback_tells_the_state_before_and_after_applying()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var simulator = host.App.Simulator;
        var resident = simulator.Ordinary();
        var user = resident.LineUserId;
        await simulator.FollowAsync(user);
        await host.Line.WaitForTextAsync(user, 0, _ => true);

        var seen = host.Line.TextsOf(user).Count;
        await simulator.SendTextAsync(user, "申請状況");
        var before = await host.Line.WaitForTextAsync(user, seen, _ => true);
        before.ShouldNotBeNull("an answer to 申請状況 before applying").ShouldContain("申請");
        before.ShouldNotContain("受け付けました");

        (await simulator.ApplyAsync(resident.ResidentId, user)).Status.ShouldBe(Statuses.Received);
        (await host.Line.WaitForTextAsync(user, seen + 1, Inbox.IsReceivedNotice)).ShouldNotBeNull("the received notice");

        seen = host.Line.TextsOf(user).Count;
        await simulator.SendTextAsync(user, "申請状況");
        (await host.Line.WaitForTextAsync(user, seen, Inbox.IsReceivedNotice)).ShouldNotBeNull("申請状況 after applying: received");

        seen = host.Line.TextsOf(user).Count;
        await simulator.PostbackAsync(user, "action=status");
        (await host.Line.WaitForTextAsync(user, seen, Inbox.IsReceivedNotice)).ShouldNotBeNull("the status postback: received");
    }

    [SampleFact]
    public async Task Contact_and_any_other_text_get_a_short_Japanese_answer()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var simulator = host.App.Simulator;
        var user = simulator.Ordinary(1).LineUserId;
        await simulator.FollowAsync(user);
        await host.Line.WaitForTextAsync(user, 0, _ => true);

        var seen = host.Line.TextsOf(user).Count;
        await simulator.SendTextAsync(user, "お問い合わせ");
        var contact = await host.Line.WaitForTextAsync(user, seen, Inbox.IsJapanese);
        contact.ShouldNotBeNull("the contact text");

        seen = host.Line.TextsOf(user).Count;
        await simulator.SendTextAsync(user, "こんにちは");
        var help = await host.Line.WaitForTextAsync(user, seen, Inbox.IsJapanese);
        help.ShouldNotBeNull("a short help");
        help.ShouldNotBe(contact);
    }

    [SampleFact]
    public async Task A_second_member_of_the_household_is_told_on_LINE_the_date_and_channel_of_the_first_application()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var simulator = host.App.Simulator;
        var household = simulator.Families()[0];

        var first = await simulator.ApplyAsync(household[0].ResidentId, household[0].LineUserId);
        var second = await simulator.ApplyAsync(household[1].ResidentId, household[1].LineUserId);

        first.Status.ShouldBe(Statuses.Received);
        second.Status.ShouldBe(Statuses.AlreadyApplied);
        second.ClaimedVia.ShouldBe("LINE");
        second.ClaimedAt.ShouldNotBeNull().ShouldBe(TestHost.Now);
        (await host.Line.WaitForTextAsync(household[1].LineUserId, 0, t => Inbox.IsAlreadyAppliedNotice(t, TestHost.NowDateJapanese, "LINE")))
            .ShouldNotBeNull("申請済み with 12月1日 and LINE");
        (await host.Line.WaitForTextAsync(household[0].LineUserId, 0, Inbox.IsReceivedNotice)).ShouldNotBeNull();
    }

    private static async Task<string> RichMenuJsonAsync(LineEmulator line, string richMenuId)
    {
        using var http = new HttpClient { BaseAddress = line.ApiBaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", line.Options.AcceptedTokens?.FirstOrDefault() ?? "test-token");
        using var response = await http.GetAsync(new Uri($"v2/bot/richmenu/{richMenuId}", UriKind.Relative));
        ((int)response.StatusCode).ShouldBe(200);
        return await response.Content.ReadAsStringAsync();
    }
}
