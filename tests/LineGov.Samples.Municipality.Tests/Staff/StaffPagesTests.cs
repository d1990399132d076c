using System.Net;
using LineGov.Samples.Municipality.Tests.Infrastructure;

namespace LineGov.Samples.Municipality.Tests.Staff;

/// <summary>The staff side over HTTP (no browser): the login, roles, the dashboard, the counter form, bulk approval.</summary>
public sealed class StaffPagesTests
{
    [SampleFact]
    public async Task Anonymous_requests_under_staff_are_redirected_to_the_login()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        using var staff = StaffClient.Anonymous(host);
        foreach (var page in new[] { "staff", "staff/review", "staff/counter", "staff/payouts" })
        {
            using var response = await staff.Http.GetAsync(new Uri(page, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, page);
            var location = response.Headers.Location.ShouldNotBeNull().OriginalString;
            location.ShouldContain("/staff/login?ReturnUrl=", Case.Sensitive, page);
        }
    }

    [SampleFact]
    public async Task A_wrong_password_shows_the_form_again_with_an_error()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        using var staff = StaffClient.Anonymous(host);
        using var response = await staff.PostLoginAsync(StaffClient.Approver, "wrong-password");
        var html = await staff.FollowAsync(response);
        html.ShouldContain("class=\"error");
        HtmlForm.HasElement(html, "login").ShouldBeTrue();
        html.ShouldNotContain("wrong-password");
        using var dashboard = await staff.Http.GetAsync(new Uri("staff", UriKind.Relative));
        dashboard.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [SampleFact]
    public async Task Dashboard_draws_its_charts_server_side_and_counts()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var resident = host.App.Simulator.Ordinary();
        (await host.App.Simulator.ApplyAsync(resident.ResidentId, resident.LineUserId)).Status.ShouldBe(Statuses.Received);
        using var staff = await StaffClient.LoginAsync(host, StaffClient.Reviewer, StaffClient.ReviewerPassword);

        var html = await staff.GetPageAsync("staff");
        foreach (var chart in new[] { "chart-per-day", "chart-per-hour", "chart-by-channel" })
        {
            html.ShouldMatch($"<svg[^>]*id=\"{chart}\"");
        }

        foreach (var count in new[] { "count-received", "count-approved", "count-paid" })
        {
            HtmlForm.HasElement(html, count).ShouldBeTrue(count);
        }

        html.ShouldNotContain("<script src", Case.Insensitive);
    }

    [SampleFact]
    public async Task A_counter_application_claims_the_household_and_a_later_LINE_application_is_told_it_came_through_the_counter()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var simulator = host.App.Simulator;
        var household = simulator.Families()[0];
        var facts = host.Register.CounterFacts(household[0].ResidentId);
        using var staff = await StaffClient.LoginAsync(host, StaffClient.Reviewer, StaffClient.ReviewerPassword);

        var page = await staff.GetPageAsync("staff/counter");
        var form = HtmlForm.Containing(page, "submit").ShouldNotBeNull("the counter form");
        form.Set("family-name", facts.FamilyName).Set("given-name", facts.GivenName)
            .Set("date-of-birth", facts.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Set("gender", facts.Gender).Set("address", facts.Address);
        using var response = await form.SubmitAsync(staff.Http, "staff/counter", "submit");
        var result = await staff.FollowAsync(response);
        HtmlForm.AttributeOf(result, "result", "data-status").ShouldBe(Statuses.Received);

        var line = await simulator.ApplyAsync(household[1].ResidentId, household[1].LineUserId);
        line.Status.ShouldBe(Statuses.AlreadyApplied);
        line.ClaimedVia.ShouldBe("窓口");
        line.Message.ShouldContain(TestHost.NowDateJapanese);
    }

    [SampleFact]
    public async Task An_approver_bulk_approves_the_review_queue_and_a_reviewer_cannot_run_payouts()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var simulator = host.App.Simulator;
        var applicants = simulator.Families().Take(3).Select(f => f[0]).ToList();
        foreach (var resident in applicants)
        {
            (await simulator.ApplyAsync(resident.ResidentId, resident.LineUserId)).Status.ShouldBe(Statuses.Received);
        }

        using (var reviewer = await StaffClient.LoginAsync(host, StaffClient.Reviewer, StaffClient.ReviewerPassword))
        {
            using var payouts = await reviewer.Http.GetAsync(new Uri("staff/payouts", UriKind.Relative));
            payouts.StatusCode.ShouldNotBe(HttpStatusCode.OK, "payouts are for approvers");
        }

        using var approver = await StaffClient.LoginAsync(host, StaffClient.Approver, StaffClient.ApproverPassword);
        var queue = await approver.GetPageAsync("staff/review");
        var form = HtmlForm.Containing(queue, "bulk-approve").ShouldNotBeNull("the bulk approval form");
        form.CheckboxValues("selected").Count.ShouldBeGreaterThanOrEqualTo(applicants.Count);
        foreach (var resident in applicants)
        {
            queue.ShouldNotContain(host.Register.GivenNameOf(resident.ResidentId), Case.Sensitive, "names are masked in the queue");
        }

        using var response = await form.CheckAll("selected").SubmitAsync(approver.Http, "staff/review", "bulk-approve");
        ((int)response.StatusCode).ShouldBeLessThan(400);
        (await host.Payouts.SummaryAsync()).CountOf(LineGov.Payouts.PayoutState.Approved).ShouldBe(applicants.Count);
    }

    [SampleFact]
    public async Task Bulk_approval_of_more_than_a_thousand_selected_rows_is_not_an_error()
    {
        // ASP.NET reads at most 1,024 form values by default; "select all" on a town's queue posts thousands.
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var resident = host.App.Simulator.Families()[0][0];
        (await host.App.Simulator.ApplyAsync(resident.ResidentId, resident.LineUserId)).Status.ShouldBe(Statuses.Received);

        using var approver = await StaffClient.LoginAsync(host, StaffClient.Approver, StaffClient.ApproverPassword);
        var form = HtmlForm.Containing(await approver.GetPageAsync("staff/review"), "bulk-approve").ShouldNotBeNull().CheckAll("selected");
        for (var i = 0; i < 1_500; i++)
        {
            form.Add("selected", $"L-NOSUCH{i:D5}");
        }

        using var response = await form.SubmitAsync(approver.Http, "staff/review", "bulk-approve");
        ((int)response.StatusCode).ShouldBeLessThan(400);
        (await host.Payouts.SummaryAsync()).CountOf(LineGov.Payouts.PayoutState.Approved).ShouldBe(1);
    }
}
